/**
 * The one shape of a wire family: a family is its pieces (request converter, endpoint and auth,
 * error reader, reply check, response converter, stream state machine) and this file runs them,
 * the same six steps for every family. Every stream goes through the one driver
 * (ServerSentEventBatches), which feeds the family's state machine a read at a time. Where the
 * upstream streams although the client did not ask (DashScope's thinking, Coze), the stream is
 * collected into one completion here, for every family alike.
 */
import type { ChatRequestDecisions } from '../../generated/mappings/chat-request';
import { collectChatCompletion } from './collect-chat-completion';
import { postUpstream, type ReadOkFailure, type ReadVendorError, type SendOptions } from './post-upstream';
import type { ChatCall, EmbedCall, Family, PassThrough, StreamCall } from './provider';
import { readUpstreamJson, type ReplyCheck } from './read-upstream-json';
import { ServerSentEventBatches, type StreamStateMachine } from './sse';
import type { UpstreamBody } from './upstream-transport';
import type { ChatChunk, ChatResponse, EmbeddingResponse } from './types';
import type { UpstreamPostCall } from './upstream-call';
import { asStreamError, upstreamInvalidResponse } from './upstream-error';

/** The upstream request for one call, and what the response side must know of how it was made. */
export interface UpstreamRequest<Body, Context> {
  readonly body: Body;
  /** the upstream is asked to stream (when the client did not ask, the stream is collected) */
  readonly stream: boolean;
  /** what the converters of the answer need from the request (Anthropic's forced JSON tool) */
  readonly context: Context;
}

export interface FamilyParts<Options, Body, Reply, Context> {
  readonly id: string;
  readonly fields: ChatRequestDecisions;
  /** OpenAI request -> the vendor's */
  convertRequest(call: ChatCall<Options>): UpstreamRequest<Body, Context> | Promise<UpstreamRequest<Body, Context>>;
  /** the call, built by the generated client of its operation (Vertex moves fields), and how it is sent */
  endpoint(call: ChatCall<Options>, request: UpstreamRequest<Body, Context>): { request: UpstreamPostCall<Reply>; send?: SendOptions };
  readError: ReadVendorError;
  readOkFailure?: ReadOkFailure;
  /** the fields of a non-streamed reply the response converter reads; none for upstreams that always stream (Coze) */
  checkReply?: ReplyCheck;
  convertResponse?(reply: Reply, call: ChatCall<Options>, context: Context): ChatResponse;
  /** the stream state machine of one call: upstream events -> canonical chunks */
  translateStream(call: StreamCall<Options>, context: Context): StreamStateMachine<ChatChunk>;
  embed?(call: EmbedCall<Options>): Promise<EmbeddingResponse>;
  /** the vendor's own API spoken by a client (the Anthropic dialect to Claude): its body goes as it is */
  passThrough?: PassThrough<Options>;
  /** the vendor's own token count for a request (Anthropic's count_tokens asked of Gemini) */
  countTokens?(call: ChatCall<Options>): Promise<number>;
}

/**
 * One call's stream: the upstream body through the family's state machine. Apart from the body,
 * it holds only what the stream call carries, and no closure here sees the call or the
 * converted request, so neither stays in memory while the stream is open.
 */
function streamOf<Options, Body, Reply, Context>(
  parts: FamilyParts<Options, Body, Reply, Context>,
  body: UpstreamBody,
  call: StreamCall<Options>,
  context: Context,
): ServerSentEventBatches<ChatChunk> {
  const { provider, secrets } = call;
  return new ServerSentEventBatches(body, parts.translateStream(call, context), (error) => asStreamError(provider, error, secrets));
}

export function defineFamily<Options, Body, Reply, Context>(parts: FamilyParts<Options, Body, Reply, Context>): Family<Options> {
  const family: Family<Options> = {
    id: parts.id,
    fields: parts.fields,
    ...(parts.passThrough ? { passThrough: parts.passThrough } : {}),
    ...(parts.countTokens ? { countTokens: parts.countTokens } : {}),
    async chat(call) {
      const request = await parts.convertRequest(call);
      const endpoint = parts.endpoint(call, request);
      const response = await postUpstream(call, endpoint.request, parts.readError, {
        ...endpoint.send,
        readOkFailure: parts.readOkFailure,
      });
      if (request.stream) {
        const { body } = response;
        if (!body) throw upstreamInvalidResponse(call.provider, 'an empty body');
        const { provider, model, secrets, includeUsage } = call;
        const streamed: StreamCall<Options> = { provider, model, secrets, includeUsage };
        if (call.request.stream) return { kind: 'stream', chunks: streamOf(parts, body, streamed, request.context) };
        const collected = streamOf(parts, body, { ...streamed, includeUsage: true }, request.context);
        return { kind: 'completion', body: await collectChatCompletion(collected) };
      }
      const { checkReply, convertResponse } = parts;
      if (!checkReply || !convertResponse) throw new Error(`the ${parts.id} family asked for an answer it cannot read`);
      const reply = await readUpstreamJson(call.provider, response, checkReply);
      return { kind: 'completion', body: convertResponse(reply, call, request.context) };
    },
  };
  if (parts.embed) family.embed = parts.embed;
  return family;
}
