import { defineProvider } from '../core/provider';
import { anthropic } from '../families/anthropic';
import { claudeModels, vertexModelId } from './claude-models';
import { VERTEX_HINT, VERTEX_VARS, vertexAuth, vertexSetup } from './google/vertex';

export default defineProvider({
  id: 'vertex-anthropic',
  name: 'Claude on Vertex AI',
  family: anthropic,
  options: {
    platform: 'vertex',
    auth: vertexAuth,
    refreshOn401: true,
    // Vertex takes no URL image sources.
    inlineImageUrls: true,
  },
  env: { models: VERTEX_VARS.models },
  keyHint: VERTEX_HINT,
  patterns: [/^claude-/],
  modelId: vertexModelId,
  models: claudeModels.map((m) => ({ ...m, id: vertexModelId(m.id) })),
  setup: vertexSetup,
});
