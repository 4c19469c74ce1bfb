/**
 * The Gemini calls, built by the generated Gemini client for the provider's platform: AI Studio's
 * operations with the key in `x-goog-api-key` (never the `?key=` query, which would put it in
 * URLs and their logs), or their Vertex AI twins under the project and region.
 */
import * as client from '../../../generated/gemini/client';
import type { SendOptions } from '../../core/post-upstream';
import type { ConfiguredProvider, ModelInfo } from '../../core/provider';
import { providerCredential, vertexLocation, type Credential, type UpstreamPostCall } from '../../core/upstream-call';
import type { GeminiOptions } from './options';
import type { GeminiBatchEmbedRequest, GeminiRequest, GeminiResponse, VertexEmbedRequest } from './types';

type Call = { readonly provider: ConfiguredProvider<GeminiOptions>; readonly model: ModelInfo; readonly key: string | undefined };

const credential = ({ provider, key }: Call): Credential => providerCredential(provider, key, provider.def.options.auth);

const isVertex = ({ provider }: Call) => provider.def.options.platform === 'vertex';

const vertexPath = ({ provider, model }: Call) => ({ ...vertexLocation(provider.settings), model: model.upstream });

export const sendOptions = ({ provider }: Call): SendOptions => ({ refreshOn401: provider.def.options.refreshOn401 });

/** generateContent, or streamGenerateContent with alt=sse. */
export function generateCall(call: Call, body: GeminiRequest, stream: boolean): UpstreamPostCall<GeminiResponse> {
  const base = call.provider.baseUrl;
  const auth = credential(call);
  if (isVertex(call)) {
    const path = vertexPath(call);
    return stream
      ? client.vertexStreamGenerateContent(base, auth, { path, query: { alt: 'sse' }, body })
      : client.vertexGenerateContent(base, auth, { path, body });
  }
  const path = { model: call.model.upstream };
  return stream
    ? client.streamGenerateContent(base, auth, { path, query: { alt: 'sse' }, body })
    : client.generateContent(base, auth, { path, body });
}

/**
 * countTokens for what generateContent would get. AI Studio counts system instruction and tools
 * only inside a whole generateContentRequest; Vertex AI reads them at the top level.
 * @see https://ai.google.dev/api/tokens#method:-models.counttokens
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/count-tokens
 */
export function countTokensCall(call: Call, { contents, systemInstruction, tools }: GeminiRequest) {
  const base = call.provider.baseUrl;
  if (isVertex(call))
    return client.vertexCountTokens(base, credential(call), { path: vertexPath(call), body: { contents, systemInstruction, tools } });
  const { model } = call;
  const body = { generateContentRequest: { model: `models/${model.upstream}`, contents, systemInstruction, tools } };
  return client.countTokens(base, credential(call), { path: { model: model.upstream }, body });
}

/** AI Studio's embeddings. */
export const batchEmbedContentsCall = (call: Call, body: GeminiBatchEmbedRequest) =>
  client.batchEmbedContents(call.provider.baseUrl, credential(call), { path: { model: call.model.upstream }, body });

/** Vertex AI's embeddings. */
export const predictTextEmbeddingsCall = (call: Call, body: VertexEmbedRequest) =>
  client.predictTextEmbeddings(call.provider.baseUrl, credential(call), { path: vertexPath(call), body });
