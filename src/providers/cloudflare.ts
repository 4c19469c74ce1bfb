import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';
import { isWorkersAiBinding, workersAiBindingTransport } from './cloudflare/workers-ai-binding';

// Where the binding is used nothing goes over the network; the URL only names the transport.
const BINDING_URL = 'https://workers-ai.binding/v1';

export default defineProvider({
  id: 'cloudflare',
  name: 'Cloudflare Workers AI',
  family: openaiCompatible,
  options: {
    fetchVia: (provider) => {
      const ai = provider.bindings.AI;
      return provider.baseUrl === BINDING_URL && isWorkersAiBinding(ai) ? workersAiBindingTransport(ai) : undefined;
    },
  },
  env: { key: ['CLOUDFLARE_API_TOKEN'], baseUrl: ['CLOUDFLARE_BASE_URL'], models: ['CLOUDFLARE_MODELS'] },
  keyHint: 'CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID',
  defaultBaseUrl: 'https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1',
  patterns: [/^@cf\//, /^@hf\//],
  models: [
    { id: '@cf/meta/llama-3.3-70b-instruct-fp8-fast', contextWindow: 24000, tools: true, family: 'llama' },
    { id: '@cf/meta/llama-3.1-8b-instruct', contextWindow: 7968, tools: true, family: 'llama' },
    { id: '@cf/meta/llama-4-scout-17b-16e-instruct', contextWindow: 131000, tools: true, vision: true, family: 'llama' },
    { id: '@cf/qwen/qwq-32b', contextWindow: 24000, reasoning: true, family: 'qwen' },
    { id: '@cf/deepseek-ai/deepseek-r1-distill-qwen-32b', contextWindow: 80000, reasoning: true, family: 'qwen' },
    { id: '@cf/openai/gpt-oss-120b', contextWindow: 128000, tools: true, reasoning: true, family: 'gpt-oss' },
    // @see https://developers.cloudflare.com/workers-ai/models/bge-base-en-v1.5/ (512 input tokens each)
    { id: '@cf/baai/bge-small-en-v1.5', contextWindow: 512, embedding: true, family: 'bert' },
    { id: '@cf/baai/bge-base-en-v1.5', contextWindow: 512, embedding: true, family: 'bert' },
    { id: '@cf/baai/bge-large-en-v1.5', contextWindow: 512, embedding: true, family: 'bert' },
  ],
  // The `AI` binding wins when a Worker has one: no token, no network hop.
  setup: (read, bindings) => {
    if (isWorkersAiBinding(bindings.AI)) return { baseUrl: BINDING_URL };
    const token = read('CLOUDFLARE_API_TOKEN');
    const account = read('CLOUDFLARE_ACCOUNT_ID');
    const override = read('CLOUDFLARE_BASE_URL');
    if (!token || (!account && !override)) return null;
    return {
      baseUrl: override ?? `https://api.cloudflare.com/client/v4/accounts/${encodeURIComponent(account ?? '')}/ai/v1`,
    };
  },
});
