import { defineProvider } from '../core/provider';
import { cohere } from '../families/cohere';

/** @see https://docs.cohere.com/docs/models */
export default defineProvider({
  id: 'cohere',
  name: 'Cohere',
  family: cohere,
  options: {},
  env: { key: ['COHERE_API_KEY'], baseUrl: ['COHERE_BASE_URL'], models: ['COHERE_MODELS'] },
  defaultBaseUrl: 'https://api.cohere.com',
  patterns: [/^command/, /^embed-/],
  models: [
    { id: 'command-a-03-2025', contextWindow: 256000, maxOutputTokens: 8000, tools: true, family: 'command' },
    { id: 'command-a-reasoning-08-2025', contextWindow: 256000, maxOutputTokens: 32000, tools: true, reasoning: true, family: 'command' },
    { id: 'command-a-vision-07-2025', contextWindow: 128000, maxOutputTokens: 8000, vision: true, family: 'command' },
    { id: 'command-r-plus-08-2024', contextWindow: 128000, maxOutputTokens: 4000, tools: true, family: 'command' },
    { id: 'command-r-08-2024', contextWindow: 128000, maxOutputTokens: 4000, tools: true, family: 'command' },
    { id: 'command-r7b-12-2024', contextWindow: 128000, maxOutputTokens: 4000, tools: true, family: 'command' },
    { id: 'embed-v4.0', contextWindow: 128000, embedding: true, family: 'embed' },
    { id: 'embed-english-v3.0', contextWindow: 512, embedding: true, family: 'embed' },
    { id: 'embed-multilingual-v3.0', contextWindow: 512, embedding: true, family: 'embed' },
  ],
});
