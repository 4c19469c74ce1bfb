import { defineProvider } from '../core/provider';
import { anthropic } from '../families/anthropic';
import { claudeModels } from './claude-models';

export default defineProvider({
  id: 'anthropic',
  name: 'Anthropic',
  family: anthropic,
  options: {
    endpoint: (provider) => ({ url: `${provider.baseUrl}/v1/messages`, body: (request) => request }),
    countTokensEndpoint: (provider) => ({ url: `${provider.baseUrl}/v1/messages/count_tokens`, body: (request) => ({ ...request }) }),
    auth: async (_provider, key) => ({ 'x-api-key': key ?? '', 'anthropic-version': '2023-06-01' }),
  },
  // The original proxy spelled it ANTROPIC; both spellings work.
  env: {
    key: ['ANTROPIC_API_KEY', 'ANTHROPIC_API_KEY'],
    baseUrl: ['ANTHROPIC_BASE_URL', 'ANTROPIC_BASE_URL'],
    models: ['ANTHROPIC_MODELS', 'ANTROPIC_MODELS'],
  },
  keyHint: 'ANTROPIC_API_KEY (or ANTHROPIC_API_KEY)',
  defaultBaseUrl: 'https://api.anthropic.com',
  // Ids with `@` are Vertex AI's; they go to vertex-anthropic.
  patterns: [/^claude-[^@]*$/],
  models: claudeModels,
});
