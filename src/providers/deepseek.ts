import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

export default defineProvider({
  id: 'deepseek',
  name: 'DeepSeek',
  family: openaiCompatible,
  options: {
    // Thinking mode needs the reasoning_content of tool-calling turns sent back.
    echoReasoningContent: true,
    // DeepSeek knows high and max; none switches thinking off.
    reasoningEffort: (effort) =>
      effort === 'none'
        ? { thinking: { type: 'disabled' } }
        : { thinking: { type: 'enabled' }, reasoning_effort: effort === 'xhigh' || effort === 'max' ? 'max' : 'high' },
  },
  env: { key: ['DEEPSEEK_API_KEY'], baseUrl: ['DEEPSEEK_BASE_URL'], models: ['DEEPSEEK_MODELS'] },
  defaultBaseUrl: 'https://api.deepseek.com',
  patterns: [/^deepseek-/],
  models: [
    { id: 'deepseek-chat', contextWindow: 128000, maxOutputTokens: 8192, tools: true, family: 'deepseek' },
    { id: 'deepseek-reasoner', contextWindow: 128000, maxOutputTokens: 65536, tools: true, reasoning: true, family: 'deepseek' },
  ],
});
