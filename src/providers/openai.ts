import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

/** OpenAI's reasoning models, for ids the catalog does not describe (OPENAI_MODELS). */
const REASONING_IDS = /^(o[134]|gpt-5)/;

export default defineProvider({
  id: 'openai',
  name: 'OpenAI',
  family: openaiCompatible,
  options: {
    // max_tokens is deprecated and refused by reasoning models; max_completion_tokens works for all.
    maxTokensField: () => 'max_completion_tokens' as const,
    vendorExtras: false,
    responsesTarget: (provider) => ({ baseUrl: provider.baseUrl }),
    // o-series take low to high; gpt-5 adds minimal (its lowest); only gpt-5.1 and later take none.
    // Other models (gpt-4o, gpt-4.1) refuse the parameter: Claude Code's thinking is not sent to them.
    // @see https://platform.openai.com/docs/guides/reasoning
    reasoningEffort: (effort, model) => {
      const id = model.upstream;
      if (!model.reasoning && !REASONING_IDS.test(id)) return undefined;
      if (effort === 'max') return { reasoning_effort: /^gpt-5\.[1-9]/.test(id) ? 'xhigh' : 'high' };
      if (effort !== 'none' || /^gpt-5\.[1-9]/.test(id)) return { reasoning_effort: effort };
      return id.startsWith('gpt-5') ? { reasoning_effort: 'minimal' } : undefined;
    },
  },
  env: { key: ['OPENAI_API_KEY'], baseUrl: ['OPENAI_BASE_URL'], models: ['OPENAI_MODELS'] },
  defaultBaseUrl: 'https://api.openai.com/v1',
  patterns: [/^gpt-/, /^o[134](-|$)/, /^chatgpt-/],
  models: [
    { id: 'gpt-4o', contextWindow: 128000, maxOutputTokens: 16384, tools: true, vision: true, family: 'gpt' },
    { id: 'gpt-4o-mini', contextWindow: 128000, maxOutputTokens: 16384, tools: true, vision: true, family: 'gpt' },
    { id: 'gpt-4.1', contextWindow: 1047576, maxOutputTokens: 32768, tools: true, vision: true, family: 'gpt' },
    { id: 'gpt-4.1-mini', contextWindow: 1047576, maxOutputTokens: 32768, tools: true, vision: true, family: 'gpt' },
    { id: 'gpt-4.1-nano', contextWindow: 1047576, maxOutputTokens: 32768, tools: true, vision: true, family: 'gpt' },
    { id: 'gpt-5', contextWindow: 400000, maxOutputTokens: 128000, tools: true, vision: true, reasoning: true, family: 'gpt' },
    { id: 'gpt-5-mini', contextWindow: 400000, maxOutputTokens: 128000, tools: true, vision: true, reasoning: true, family: 'gpt' },
    { id: 'gpt-5-nano', contextWindow: 400000, maxOutputTokens: 128000, tools: true, vision: true, reasoning: true, family: 'gpt' },
    { id: 'o3', contextWindow: 200000, maxOutputTokens: 100000, tools: true, vision: true, reasoning: true, family: 'o' },
    { id: 'o4-mini', contextWindow: 200000, maxOutputTokens: 100000, tools: true, vision: true, reasoning: true, family: 'o' },
    { id: 'text-embedding-3-small', contextWindow: 8191, embedding: true, family: 'text-embedding' },
    { id: 'text-embedding-3-large', contextWindow: 8191, embedding: true, family: 'text-embedding' },
  ],
});
