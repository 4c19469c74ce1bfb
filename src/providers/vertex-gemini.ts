import { defineProvider } from '../core/provider';
import { gemini } from '../families/gemini';
import { geminiModels } from './gemini-models';
import { VERTEX_HINT, vertexAuth, vertexSetup } from './google/vertex';

export default defineProvider({
  id: 'vertex-gemini',
  name: 'Gemini on Vertex AI',
  family: gemini,
  options: {
    platform: 'vertex',
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
