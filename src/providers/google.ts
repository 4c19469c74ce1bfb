import { defineProvider } from '../core/provider';
import { urlSegment } from '../core/url-segment';
import { gemini } from '../families/gemini';
import { geminiModels } from './gemini-models';

export default defineProvider({
  id: 'google',
  name: 'Google AI Studio (Gemini)',
  family: gemini,
  options: {
    url: (provider, model, stream) =>
      `${provider.baseUrl}/v1beta/models/${urlSegment(model.upstream)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    // AI Studio counts system instruction and tools only inside a whole generateContentRequest.
    // @see https://ai.google.dev/api/tokens#method:-models.counttokens
    countTokens: (provider, model, { contents, systemInstruction, tools }) => ({
      url: `${provider.baseUrl}/v1beta/models/${urlSegment(model.upstream)}:countTokens`,
      body: { generateContentRequest: { model: `models/${model.upstream}`, contents, systemInstruction, tools } },
    }),
    embeddings: {
      wire: 'batchEmbedContents',
      url: (provider, model) => `${provider.baseUrl}/v1beta/models/${urlSegment(model.upstream)}:batchEmbedContents`,
    },
    // The key goes in a header, not the `?key=` query, so it stays out of URLs and their logs.
    auth: async (_provider, key) => ({ 'x-goog-api-key': key ?? '' }),
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
