import { defineProvider } from '../core/provider';
import { gemini } from '../families/gemini';
import { geminiModels } from './gemini-models';

export default defineProvider({
  id: 'google',
  name: 'Google AI Studio (Gemini)',
  family: gemini,
  options: {
    platform: 'ai-studio',
  },
  env: {
    key: ['GOOGLE_GEN_AI_API_KEY', 'GEMINI_API_KEY'],
    baseUrl: ['GOOGLE_GEN_AI_BASE_URL'],
    models: ['GOOGLE_GEN_AI_MODELS', 'GEMINI_MODELS'],
  },
  defaultBaseUrl: 'https://generativelanguage.googleapis.com',
  patterns: [/^gemini-/, /^gemma-/],
  models: geminiModels,
});
