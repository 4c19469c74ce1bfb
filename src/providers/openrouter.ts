import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

export default defineProvider({
  id: 'openrouter',
  name: 'OpenRouter',
  family: openaiCompatible,
  options: {
    // OpenRouter's unified switch; `reasoning` in the response is moved to reasoning_content.
    reasoningEffort: (effort) => (effort === 'none' ? { reasoning: { enabled: false } } : { reasoning: { effort } }),
    // OpenRouter passes cache_control to Anthropic, for Claude models only: on a content part of a
    // system or user message, and on a tool definition (its spec's ChatFunctionTool.cache_control).
    // @see https://openrouter.ai/docs/features/prompt-caching
    // @see https://openrouter.ai/openapi.json
    cacheControl: (model) => model.upstream.startsWith('anthropic/'),
  },
  env: { key: ['OPENROUTER_API_KEY'], baseUrl: ['OPENROUTER_BASE_URL'], models: ['OPENROUTER_MODELS'] },
  defaultBaseUrl: 'https://openrouter.ai/api/v1',
  models: [
    { id: 'openai/gpt-4o-mini', contextWindow: 128000, tools: true, vision: true, family: 'gpt' },
    { id: 'anthropic/claude-sonnet-4.5', contextWindow: 1000000, tools: true, vision: true, reasoning: true, family: 'claude' },
    { id: 'google/gemini-2.5-flash', contextWindow: 1048576, tools: true, vision: true, reasoning: true, family: 'gemini' },
    { id: 'meta-llama/llama-3.3-70b-instruct', contextWindow: 131072, tools: true, family: 'llama' },
    { id: 'deepseek/deepseek-r1', contextWindow: 163840, tools: true, reasoning: true, family: 'deepseek' },
  ],
});
