/**
 * Point 3 of issue 15: the field decisions are enforced, not just declared. For every configured
 * provider and every field of the OpenAI chat request, the family's request converter (called
 * directly, no network) gets the same request with and without the field:
 * - `mapped` and `passthrough`: the upstream body differs, for at least one of the provider's
 *   models (reasoning_effort only reaches reasoning models; Grok's reasoning models take no penalties);
 * - `dropped`: the body is the same, for every model;
 * - `unsupported`: a 400 naming the field, except for OpenAI's default value, which goes through.
 * So a field labelled `mapped` with no code behind it fails here.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ChatRequestDecisions } from '../../generated/mappings/chat-request';
import { buildConfig } from '../../src/core/config';
import { ProxyError } from '../../src/core/errors';
import type { ChatCall, ConfiguredProvider } from '../../src/core/provider';
import type { ChatRequest } from '../../src/core/types';
import { convertToAnthropicRequest } from '../../src/families/anthropic/convert-to-anthropic-request';
import { convertToGeminiRequest } from '../../src/families/gemini/convert-to-gemini-request';
import { convertToOpenAICompatibleRequest } from '../../src/families/openai-compatible/convert-to-openai-compatible-request';
import { definitions } from '../../src/providers/definitions';
import { testEnv } from '../helpers/test-env';

type Field = keyof ChatRequestDecisions;

/** The upstream body each family's converter builds. */
const converters: Record<string, (call: ChatCall<never>) => Promise<unknown>> = {
  anthropic: async (call) => (await convertToAnthropicRequest(call)).body,
  gemini: (call) => convertToGeminiRequest(call),
  'openai-compatible': async (call) => convertToOpenAICompatibleRequest(call),
};

const tool = { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } };
const legacyFunction = { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } };

/**
 * One non-default value per field, and what the request must already carry for the field to mean
 * anything (a tool choice needs tools). `satisfies` makes a field new in the spec need a sample.
 */
const samples = {
  model: { value: undefined }, // replaced per provider by another of its models
  messages: { value: [{ role: 'user', content: 'something else' }] },
  stream: { value: true },
  stream_options: { value: { include_usage: true }, context: { stream: true } },
  temperature: { value: 0.5 },
  top_p: { value: 0.5 },
  max_tokens: { value: 77 },
  max_completion_tokens: { value: 77 },
  n: { value: 2 },
  stop: { value: ['END'] },
  seed: { value: 7 },
  presence_penalty: { value: 0.5 },
  frequency_penalty: { value: 0.5 },
  logit_bias: { value: { '50256': -100 } },
  logprobs: { value: true },
  top_logprobs: { value: 2 },
  user: { value: 'user-1' },
  safety_identifier: { value: 'safety-1' },
  prompt_cache_key: { value: 'cache-1' },
  metadata: { value: { team: 'a' } },
  store: { value: true },
  service_tier: { value: 'flex' },
  modalities: { value: ['text', 'audio'] },
  audio: { value: { voice: 'alloy', format: 'mp3' } },
  prediction: { value: { type: 'content', content: 'draft' } },
  web_search_options: { value: { search_context_size: 'low' } },
  verbosity: { value: 'low' },
  reasoning_effort: { value: 'high' },
  response_format: {
    value: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
  },
  tools: { value: [tool] },
  tool_choice: { value: 'required', context: { tools: [tool] } },
  parallel_tool_calls: { value: false, context: { tools: [tool] } },
  functions: { value: [legacyFunction] },
  function_call: { value: { name: 'lookup' }, context: { functions: [legacyFunction] } },
} satisfies Record<Field, { value: unknown; context?: Record<string, unknown> }>;

/** OpenAI's defaults for the fields a provider may refuse: sending them must not be refused. */
const defaults: Partial<Record<Field, unknown>> = { n: 1, logprobs: false, parallel_tool_calls: true, store: false };

/**
 * Decisions that act outside the body, by family or provider id, so the body must stay the same
 * for them (if one moves into the body, its entry goes): the model and the streaming switch are in
 * Gemini's URL, and the usage chunk comes from usage the upstream stream reports anyway.
 */
const outsideTheBody: Record<string, Partial<Record<Field, string>>> = {
  gemini: { model: 'the URL', stream: 'the URL (streamGenerateContent)', stream_options: 'the response (usageMetadata)' },
  anthropic: { stream_options: 'the response (message_start and message_delta usage)' },
  groq: { stream_options: 'the response (x_groq.usage)' },
};

// Two deployments, so that `model` can vary on Azure too.
const config = buildConfig({ ...testEnv, AZURE_DEPLOYMENT_MODELS: 'gpt-4o-mini:mini,gpt-4o:full' }, definitions);
const providers = config.providers.filter((p) => converters[p.def.family.id]);

function call(provider: ConfiguredProvider, request: Record<string, unknown>): ChatCall<never> {
  const model = provider.models.find((m) => m.upstream === request.model) ?? provider.models[0]!;
  return {
    provider: provider as ConfiguredProvider<never>,
    model,
    request: request as unknown as ChatRequest,
    key: 'k',
    includeUsage: (request.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true,
    signal: undefined,
    secrets: config.secrets,
  };
}

describe.each(providers.map((p) => [p.id, p] as const))('%s', (_, provider) => {
  const convert = converters[provider.def.family.id]!;
  const models = provider.models.map((m) => m.upstream);
  const base = { model: models[0], messages: [{ role: 'user', content: 'hi' }] };
  const outside = { ...outsideTheBody[provider.def.family.id], ...outsideTheBody[provider.id] };
  const cases = (Object.keys(samples) as Field[]).map((field) => ({ field, decision: provider.fields[field].kind }));

  it.each(cases)('$field is $decision', async ({ field, decision }) => {
    const sample = samples[field];
    const value = field === 'model' ? models.find((m) => m !== base.model) : sample.value;
    const without = { ...base, ...('context' in sample ? sample.context : {}) };
    const withField = { ...without, [field]: value };
    if (decision === 'unsupported') {
      await expect(convert(call(provider, withField))).rejects.toSatisfy(
        (e) => e instanceof ProxyError && e.status === 400 && e.param === field,
      );
      if (field in defaults) await expect(convert(call(provider, { ...without, [field]: defaults[field] }))).resolves.toBeDefined();
      return;
    }
    expect(value, `no second model to vary \`model\` with`).toBeDefined();
    // `model` varies the request's model, so the others keep it; the rest try every model.
    const changed: string[] = [];
    for (const model of field === 'model' ? [base.model] : models) {
      const before = await convert(call(provider, { ...without, model }));
      const after = await convert(call(provider, { ...withField, model: field === 'model' ? value : model }));
      if (!isDeepStrictEqual(before, after)) changed.push(model!);
    }
    if (decision === 'dropped' || field in outside) expect(changed, 'models whose body changed').toEqual([]);
    else expect(changed, 'models whose body changed').not.toEqual([]);
  });
});
