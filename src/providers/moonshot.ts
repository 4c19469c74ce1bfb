import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

export default defineProvider({
  id: 'moonshot',
  name: 'Moonshot (Kimi)',
  family: openaiCompatible,
  options: {
    // Kimi's range is 0..1; higher values are clamped rather than refused.
    temperatureMax: 1,
    // Kimi thinking models need reasoning_content of earlier tool-calling turns.
    echoReasoningContent: true,
    reasoningEffort: (effort, model) =>
      !model.reasoning ? undefined : effort === 'none' ? { thinking: { type: 'disabled' } } : { thinking: { type: 'enabled' } },
  },
  env: { key: ['MOONSHOT_API_KEY'], baseUrl: ['MOONSHOT_BASE_URL'], models: ['MOONSHOT_MODELS'] },
  defaultBaseUrl: 'https://api.moonshot.cn/v1',
  patterns: [/^moonshot-/, /^kimi-/],
  models: [
    { id: 'moonshot-v1-8k', contextWindow: 8192, tools: true, family: 'moonshot' },
    { id: 'moonshot-v1-32k', contextWindow: 32768, tools: true, family: 'moonshot' },
    { id: 'moonshot-v1-128k', contextWindow: 131072, tools: true, family: 'moonshot' },
    { id: 'kimi-k2-0905-preview', contextWindow: 262144, tools: true, family: 'kimi' },
    { id: 'kimi-k2-turbo-preview', contextWindow: 262144, tools: true, family: 'kimi' },
    { id: 'kimi-k2-thinking', contextWindow: 262144, tools: true, reasoning: true, family: 'kimi' },
    { id: 'kimi-latest', contextWindow: 131072, tools: true, vision: true, family: 'kimi' },
  ],
});
