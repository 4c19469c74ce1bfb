import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

export default defineProvider({
  id: 'cerebras',
  name: 'Cerebras',
  family: openaiCompatible,
  options: {
    reasoningEffort: (effort, model) =>
      model.reasoning
        ? { reasoning_effort: effort === 'minimal' ? 'low' : effort === 'xhigh' || effort === 'max' ? 'high' : effort }
        : undefined,
  },
  env: { key: ['CEREBRAS_API_KEY'], baseUrl: ['CEREBRAS_BASE_URL'], models: ['CEREBRAS_MODELS'] },
  defaultBaseUrl: 'https://api.cerebras.ai/v1',
  models: [
    { id: 'llama3.1-8b', contextWindow: 32768, tools: true, family: 'llama' },
    { id: 'llama-3.3-70b', contextWindow: 65536, tools: true, family: 'llama' },
    { id: 'gpt-oss-120b', contextWindow: 131072, tools: true, reasoning: true, family: 'gpt-oss' },
    { id: 'qwen-3-32b', contextWindow: 65536, tools: true, reasoning: true, family: 'qwen3' },
  ],
});
