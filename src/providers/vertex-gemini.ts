import { defineProvider } from '../core/provider';
import { urlSegment } from '../core/url-segment';
import { gemini } from '../families/gemini';
import { geminiModels } from './gemini-models';
import { VERTEX_HINT, vertexAuth, vertexLocation, vertexSetup } from './google/vertex';

export default defineProvider({
  id: 'vertex-gemini',
  name: 'Gemini on Vertex AI',
  family: gemini,
  options: {
    url: (provider, model, stream) => {
      const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
      return `${vertexLocation(provider)}/publishers/google/models/${urlSegment(model.upstream)}:${method}`;
    },
    // @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/count-tokens
    countTokens: (provider, model, { contents, systemInstruction, tools }) => ({
      url: `${vertexLocation(provider)}/publishers/google/models/${urlSegment(model.upstream)}:countTokens`,
      body: { contents, systemInstruction, tools },
    }),
    embeddings: {
      wire: 'predict',
      url: (provider, model) => `${vertexLocation(provider)}/publishers/google/models/${urlSegment(model.upstream)}:predict`,
    },
    auth: vertexAuth,
    refreshOn401: true,
  },
  // The Vertex service account of vertex-anthropic serves Gemini too.
  env: { models: ['VERTEX_GEMINI_MODELS'] },
  keyHint: VERTEX_HINT,
  patterns: [/^gemini-/, /^gemma-/],
  models: geminiModels,
  setup: vertexSetup,
});
