/**
 * The Messages API calls of the anthropic family, built by the generated Anthropic client for the
 * provider's platform: `messages_post` and `messages_count_tokens_post` on Anthropic, the
 * `vertex_*` rawPredict operations on Vertex AI, where the model goes in the URL (count-tokens
 * excepted: one endpoint for all) and the API version in the body.
 */
import * as client from '../../../generated/anthropic/client';
import type { SendOptions } from '../../core/post-upstream';
import type { ConfiguredProvider, ModelInfo, PassThroughCall } from '../../core/provider';
import { providerCredential, vertexLocation, type Credential, type UpstreamPostCall } from '../../core/upstream-call';
import type { AnthropicOptions } from './options';
import type { MessagesRequest, MessagesResponse } from './types';

type Call = { readonly provider: ConfiguredProvider<AnthropicOptions>; readonly model: ModelInfo; readonly key: string | undefined };

const ANTHROPIC_VERSION = '2023-06-01';
const VERTEX_VERSION = 'vertex-2023-10-16';

const credential = ({ provider, key }: Call): Credential => providerCredential(provider, key, provider.def.options.auth);

const headers = (beta: string | undefined) => ({ 'anthropic-version': ANTHROPIC_VERSION, 'anthropic-beta': beta });
const vertexHeaders = (beta: string | undefined) => ({ 'anthropic-beta': beta });

const vertexPath = ({ provider, model }: Call) => ({ ...vertexLocation(provider.settings), model: model.upstream });

/** Vertex takes the model from the URL and the API version in the body. */
function vertexBody({ model: _inUrl, ...fields }: Readonly<Record<string, unknown>>): client.VertexRawPredictBody {
  return { anthropic_version: VERTEX_VERSION, ...fields };
}

export const sendOptions = ({ provider }: Call): SendOptions => ({ refreshOn401: provider.def.options.refreshOn401 });

/** The family's own call, from a converted (typed) request. */
export function messagesCall(call: Call, body: MessagesRequest, beta: string | undefined): UpstreamPostCall<MessagesResponse> {
  const { provider } = call;
  if (provider.def.options.platform === 'anthropic')
    return client.messages_post(provider.baseUrl, credential(call), { body, header: headers(beta) });
  const vertex = body.stream === true ? client.vertex_stream_raw_predict : client.vertex_raw_predict;
  return vertex(provider.baseUrl, credential(call), { path: vertexPath(call), body: vertexBody(body), header: vertexHeaders(beta) });
}

/**
 * A client's own Messages or count_tokens body (the Anthropic dialect), routed to `model`: its
 * fields go as they are, known to the spec or not.
 */
export function passedThroughCall(
  call: Call & Pick<PassThroughCall, 'body' | 'text'>,
  operation: 'messages' | 'count_tokens',
  beta: string | undefined,
): UpstreamPostCall {
  const { provider, model, body } = call;
  const routed = { ...body, model: model.upstream };
  const auth = credential(call);
  if (provider.def.options.platform === 'anthropic') {
    const send = operation === 'count_tokens' ? client.messages_count_tokens_post : client.messages_post;
    // The client's own text where routing changes nothing: an agent's turn is hundreds of kB to serialize again.
    const json = call.text !== undefined && body.model === model.upstream ? call.text : JSON.stringify(routed);
    return send(provider.baseUrl, auth, { json, header: headers(beta) });
  }
  if (operation === 'count_tokens') {
    // One model-independent endpoint; the body names the model.
    // @see https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/count-tokens
    return client.vertex_count_tokens(provider.baseUrl, auth, {
      path: vertexLocation(provider.settings),
      body: { anthropic_version: VERTEX_VERSION, ...routed },
      header: vertexHeaders(beta),
    });
  }
  const vertex = body.stream === true ? client.vertex_stream_raw_predict : client.vertex_raw_predict;
  return vertex(provider.baseUrl, auth, { path: vertexPath(call), body: vertexBody(routed), header: vertexHeaders(beta) });
}
