import { defineProvider } from '../core/provider';
import { anthropic } from '../families/anthropic';
import { claudeModels } from './claude-models';

export default defineProvider({
  id: 'anthropic',
  name: 'Anthropic',
  family: anthropic,
  options: {
    platform: 'anthropic',
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
