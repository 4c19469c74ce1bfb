import { defineProvider } from '../core/provider';
import { urlSegment } from '../core/url-segment';
import { anthropic } from '../families/anthropic';
import { claudeModels, vertexModelId } from './claude-models';
import { VERTEX_HINT, VERTEX_VARS, vertexAuth, vertexLocation, vertexSetup } from './google/vertex';

export default defineProvider({
  id: 'vertex-anthropic',
  name: 'Claude on Vertex AI',
  family: anthropic,
  options: {
    endpoint: (provider, model, stream) => {
      const url = `${vertexLocation(provider)}/publishers/anthropic/models/${urlSegment(model.upstream)}:${stream ? 'streamRawPredict' : 'rawPredict'}`;
      // Vertex takes the model from the URL and the API version in the body.
      return { url, body: ({ model: _inUrl, ...rest }) => ({ anthropic_version: 'vertex-2023-10-16', ...rest }) };
    },
    // One model-independent endpoint; the body names the model.
    // @see https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/count-tokens
    countTokensEndpoint: (provider) => {
      const { project = '', region = '' } = provider.settings;
      const url = `${provider.baseUrl}/v1/projects/${project}/locations/${region}/publishers/anthropic/models/count-tokens:rawPredict`;
      return { url, body: (request) => ({ anthropic_version: 'vertex-2023-10-16', ...request }) };
    },
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
