import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

export default defineProvider({
  id: 'doubao',
  name: 'Doubao (Volcengine Ark)',
  family: openaiCompatible,
  options: {
    // Ark switches deep thinking with `thinking.type` and grades it with reasoning_effort;
    // its `minimal` means no thinking.
    reasoningEffort: (effort) =>
      effort === 'none' || effort === 'minimal'
        ? { thinking: { type: 'disabled' } }
        : { thinking: { type: 'enabled' }, reasoning_effort: effort === 'xhigh' || effort === 'max' ? 'high' : effort },
  },
  env: { key: ['DOUBAO_API_KEY', 'ARK_API_KEY'], baseUrl: ['DOUBAO_BASE_URL'], models: ['DOUBAO_MODELS'] },
  defaultBaseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
  patterns: [/^doubao-/],
  models: [
    { id: 'doubao-seed-1-6-250615', contextWindow: 262144, tools: true, vision: true, reasoning: true, family: 'doubao' },
    { id: 'doubao-seed-1-6-flash-250828', contextWindow: 262144, tools: true, vision: true, reasoning: true, family: 'doubao' },
    { id: 'doubao-1-5-pro-32k-250115', contextWindow: 32768, tools: true, family: 'doubao' },
  ],
});
