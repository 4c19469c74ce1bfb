import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

export default defineProvider({
  id: 'grok',
  name: 'xAI Grok',
  family: openaiCompatible,
  options: {
    // xAI reasoning models answer these with an error; dropping them keeps generic clients working.
    reasoningModelsReject: ['presence_penalty', 'frequency_penalty', 'stop'],
    // Only grok-3-mini takes an effort, and only low or high.
    reasoningEffort: (effort, model) =>
      model.upstream.startsWith('grok-3-mini') && effort !== 'none'
        ? { reasoning_effort: effort === 'minimal' || effort === 'low' ? 'low' : 'high' }
        : undefined,
  },
  env: { key: ['GROK_API_KEY', 'XAI_API_KEY'], baseUrl: ['GROK_BASE_URL', 'XAI_BASE_URL'], models: ['GROK_MODELS', 'XAI_MODELS'] },
  defaultBaseUrl: 'https://api.x.ai/v1',
  patterns: [/^grok-/],
  models: [
    { id: 'grok-4', contextWindow: 256000, tools: true, vision: true, reasoning: true, family: 'grok' },
    { id: 'grok-4-fast-reasoning', contextWindow: 2000000, tools: true, vision: true, reasoning: true, family: 'grok' },
    { id: 'grok-4-fast-non-reasoning', contextWindow: 2000000, tools: true, vision: true, family: 'grok' },
    { id: 'grok-code-fast-1', contextWindow: 256000, tools: true, reasoning: true, family: 'grok' },
    { id: 'grok-3', contextWindow: 131072, tools: true, family: 'grok' },
    { id: 'grok-3-mini', contextWindow: 131072, tools: true, reasoning: true, family: 'grok' },
  ],
});
