/**
 * The OpenAI-compatible calls (`createChatCompletion`, `createEmbedding`, and `createResponse` for
 * the providers that have OpenAI's Responses API), built by the generated OpenAI client at the
 * provider's base URL and query, with the header that carries its key, and how they are sent (the
 * Workers AI binding).
 */
import * as openai from '../../../generated/openai/client';
import type { SendOptions } from '../../core/post-upstream';
import type { ConfiguredProvider, ModelInfo } from '../../core/provider';
import type { Credential, JsonBody } from '../../core/upstream-call';
import type { OpenAICompatibleOptions } from './options';

type Call = { readonly provider: ConfiguredProvider<OpenAICompatibleOptions>; readonly model: ModelInfo; readonly key: string | undefined };

/** A provider's own key header (Azure's `api-key`), or the spec's Bearer; no key, no header (a local Ollama). */
function credential({ provider, key }: Call): Credential {
  const auth = provider.def.options.auth;
  if (!key) return async () => ({});
  return auth ? async () => auth(key) : key;
}

const target = ({ provider, model }: Call) => provider.def.options.target?.(provider, model) ?? { baseUrl: provider.baseUrl };

export const sendOptions = ({ provider }: Call): SendOptions => ({ transport: provider.def.options.fetchVia?.(provider) });

export function chatCompletionCall(call: Call, body: JsonBody<openai.CreateChatCompletionBody>) {
  const { baseUrl, query } = target(call);
  return openai.createChatCompletion(baseUrl, credential(call), { ...body, search: query });
}

export function embeddingCall(call: Call, body: openai.CreateEmbeddingBody) {
  const { baseUrl, query } = target(call);
  return openai.createEmbedding(baseUrl, credential(call), { body, search: query });
}

/** Only for providers with `responsesTarget` (pass-through.ts `serves`). */
export function responsesCall(call: Call, json: string) {
  const { provider, model } = call;
  const { baseUrl, query } = provider.def.options.responsesTarget?.(provider, model) ?? { baseUrl: provider.baseUrl };
  return openai.createResponse(baseUrl, credential(call), { json, search: query });
}
