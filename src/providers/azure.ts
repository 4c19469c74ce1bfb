import { defineProvider, type ModelInfo } from '../core/provider';
import { urlSegment } from '../core/url-segment';
import { openaiCompatible } from '../families/openai-compatible';

/** The stable data-plane version the proxy is written against; `npm run specs:check` compares it with Azure's newest. */
export const DEFAULT_API_VERSION = '2024-10-21';

/** `AZURE_DEPLOYMENT_MODELS=model:deployment,...`; the original's form, so the last colon splits. */
function deployments(value: string | undefined): ModelInfo[] {
  if (!value) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.lastIndexOf(':');
      const id = colon > 0 ? entry.slice(0, colon).trim() : entry;
      const deployment = colon > 0 ? entry.slice(colon + 1).trim() || id : entry;
      return { id, upstream: deployment, tools: true, vision: true, family: 'gpt' };
    });
}

export default defineProvider({
  id: 'azure',
  name: 'Azure OpenAI',
  family: openaiCompatible,
  options: {
    target: (provider, model) => ({
      baseUrl: `${provider.baseUrl}/openai/deployments/${urlSegment(model.upstream)}`,
      query: `api-version=${encodeURIComponent(provider.settings.apiVersion ?? DEFAULT_API_VERSION)}`,
    }),
    // The v1 Responses API takes the deployment as `model` and needs no api-version.
    // @see https://learn.microsoft.com/azure/ai-foundry/openai/how-to/responses
    responsesTarget: (provider) => ({ baseUrl: `${provider.baseUrl}/openai/v1` }),
    auth: (key) => ({ 'api-key': key }),
    // Azure's reasoning deployments accept only max_completion_tokens, and 2024-10-21 takes it for every model.
    maxTokensField: () => 'max_completion_tokens' as const,
    vendorExtras: false,
  },
  env: { key: ['AZURE_OPENAI_API_KEY'], baseUrl: ['AZURE_OPENAI_ENDPOINT'], models: ['AZURE_DEPLOYMENT_MODELS'] },
  keyHint: 'AZURE_OPENAI_API_KEY and AZURE_OPENAI_ENDPOINT',
  models: [],
  setup: (read) => {
    const key = read('AZURE_OPENAI_API_KEY');
    const endpoint = read('AZURE_OPENAI_ENDPOINT');
    if (!key || !endpoint) return null;
    return {
      baseUrl: endpoint,
      models: deployments(read('AZURE_DEPLOYMENT_MODELS')),
      settings: { apiVersion: read('AZURE_API_VERSION', 'AZURE_OPENAI_API_VERSION') ?? DEFAULT_API_VERSION },
    };
  },
});
