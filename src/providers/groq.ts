import { unsupported } from '../core/field-decisions';
import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

export default defineProvider({
  id: 'groq',
  name: 'Groq',
  family: openaiCompatible,
  options: {
    // Groq reports stream usage in x_groq.usage and does not list stream_options.
    streamOptions: false,
    // Groq's values differ per model family: Qwen 3 takes none or default, gpt-oss low to high.
    reasoningEffort: (effort, model) => {
      if (!model.reasoning) return undefined;
      if (/qwen/i.test(model.upstream)) return { reasoning_effort: effort === 'none' ? 'none' : 'default' };
      const level = effort === 'none' || effort === 'minimal' ? 'low' : effort === 'xhigh' || effort === 'max' ? 'high' : effort;
      return { reasoning_effort: level };
    },
  },
  env: { key: ['GROQ_API_KEY'], baseUrl: ['GROQ_BASE_URL'], models: ['GROQ_MODELS'] },
  defaultBaseUrl: 'https://api.groq.com/openai/v1',
  fields: {
    n: unsupported('Groq accepts only n = 1'),
    logprobs: unsupported('Groq does not support logprobs yet'),
    top_logprobs: unsupported('Groq does not support logprobs yet'),
    logit_bias: unsupported('Groq does not support logit_bias yet'),
  },
  models: [
    { id: 'llama-3.3-70b-versatile', contextWindow: 131072, maxOutputTokens: 32768, tools: true, family: 'llama' },
    { id: 'llama-3.1-8b-instant', contextWindow: 131072, maxOutputTokens: 131072, tools: true, family: 'llama' },
    { id: 'llama3-8b-8192', contextWindow: 8192, tools: true, family: 'llama' },
    { id: 'llama3-70b-8192', contextWindow: 8192, tools: true, family: 'llama' },
    {
      id: 'meta-llama/llama-4-scout-17b-16e-instruct',
      contextWindow: 131072,
      maxOutputTokens: 8192,
      tools: true,
      vision: true,
      family: 'llama',
    },
    { id: 'openai/gpt-oss-120b', contextWindow: 131072, maxOutputTokens: 65536, tools: true, reasoning: true, family: 'gpt-oss' },
    { id: 'openai/gpt-oss-20b', contextWindow: 131072, maxOutputTokens: 65536, tools: true, reasoning: true, family: 'gpt-oss' },
    { id: 'qwen/qwen3-32b', contextWindow: 131072, maxOutputTokens: 40960, tools: true, reasoning: true, family: 'qwen3' },
  ],
});
