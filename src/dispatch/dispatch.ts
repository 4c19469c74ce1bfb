/**
 * The one way from an inbound dialect to a provider: candidates (aliases, fallbacks), attempts
 * (retries, keys, timeouts), and the access record. Chat in every dialect and embeddings come
 * through here; families stay single-attempt.
 */
import type { Route } from '../core/catalog';
import { badRequest } from '../core/errors';
import type { RequestContext } from '../core/request-context';
import type { ChatRequest, ChatResult, EmbeddingRequest, EmbeddingResponse, Usage } from '../core/types';
import { candidatesFor, type Candidate, type Resolve } from './candidates';
import { GuardedStream, startStream, type StartedStream } from './guard-stream';
import { runAttempts, type AttemptInput, type Served } from './run-attempts';

export interface Dispatched<T> {
  readonly result: T;
  /** the name of the model that answered, as routed (the asked one unless an alias or fallback stepped in) */
  readonly servedName: string;
  /** a model of the fallback chain answered, not the one asked for */
  readonly fallback: boolean;
  /** who served it: provider, model and attempts, for the response */
  readonly headers: Readonly<Record<string, string>>;
}

export interface ChatDispatch {
  /** the model name the client asked for */
  readonly model: string;
  /** the canonical request for one route (the Ollama dialect's depends on the model's traits) */
  readonly request: (route: Route) => ChatRequest;
  /** the client wants a usage chunk at the end of the stream */
  readonly includeUsage: boolean;
  /** how the dialect finds a model by name (Ollama drops `:latest`) */
  readonly resolve?: Resolve;
}

export function served<T>(
  ctx: RequestContext,
  result: T,
  { candidate, attempts }: Served<unknown>,
  candidates: readonly Candidate[],
): Dispatched<T> {
  const { provider, model } = candidate.route;
  Object.assign(ctx.record, { provider: provider.id, modelServed: model.id, attempts });
  return {
    result,
    servedName: candidate.name,
    fallback: candidate !== candidates[0],
    headers: { 'x-proxy-provider': provider.id, 'x-proxy-model': model.id, 'x-proxy-attempts': String(attempts) },
  };
}

function noteUsage(ctx: RequestContext, usage: Usage | undefined): void {
  if (!usage) return;
  ctx.record.inputTokens = usage.prompt_tokens;
  ctx.record.outputTokens = usage.completion_tokens;
}

/** The route a name would be served by first, or the catalog's 404: for surfaces that only check a name. */
export function routeFor(ctx: RequestContext, model: string, resolve?: Resolve): Route {
  return candidatesFor(ctx.config.catalog, ctx.config.gateway, model, resolve)[0]!.route;
}

/** What one attempt at a chat candidate yields: the result, and a stream's first chunks once it has begun answering. */
export interface ChatAttempt {
  readonly result: ChatResult;
  readonly started: StartedStream | undefined;
}

/** One attempt at one candidate through its family: for `runAttempts`, here and in surfaces that mix in another path. */
export async function attemptChat(ctx: RequestContext, chat: ChatDispatch, { candidate, key, signal }: AttemptInput): Promise<ChatAttempt> {
  const { provider, model } = candidate.route;
  const result = await provider.def.family.chat({
    provider,
    model,
    request: chat.request(candidate.route),
    key,
    includeUsage: chat.includeUsage,
    signal,
    secrets: ctx.config.secrets,
    inboundHeaders: ctx.request.headers,
  });
  return result.kind === 'stream' ? { result, started: await startStream(result.chunks) } : { result, started: undefined };
}

/** Marks the access record as waiting for a stream; the function returned ends it (and the attempt) once, with the error if any. */
export function streamEnd(ctx: RequestContext, attempt: Served<unknown>): (error?: unknown) => void {
  let endStream: () => void = () => undefined;
  ctx.record.streamEnd = new Promise<void>((resolve) => (endStream = resolve));
  return (error) => {
    attempt.release();
    if (error !== undefined) ctx.record.errorCode = (error as { code?: string }).code ?? 'stream_failed';
    endStream();
  };
}

/** The answer of the attempt that succeeded: a stream guarded (idle timeout, usage, end of the access record), the record filled in. */
export function servedChat(ctx: RequestContext, attempt: Served<ChatAttempt>, candidates: readonly Candidate[]): Dispatched<ChatResult> {
  const { config } = ctx;
  const { result, started } = attempt.value;
  if (result.kind === 'completion' || !started) {
    attempt.release();
    noteUsage(ctx, result.kind === 'completion' ? result.body.usage : undefined);
    return served(ctx, result, attempt, candidates);
  }
  const chunks = new GuardedStream(started, {
    provider: attempt.candidate.route.provider,
    idleTimeoutMs: config.gateway.idleTimeoutMs,
    controller: attempt.controller,
    onUsage: (usage) => noteUsage(ctx, usage),
    onEnd: streamEnd(ctx, attempt),
  });
  return served(ctx, { kind: 'stream', chunks }, attempt, candidates);
}

export async function dispatchChat(ctx: RequestContext, chat: ChatDispatch): Promise<Dispatched<ChatResult>> {
  const { config, request, record } = ctx;
  record.modelAsked = chat.model;
  const candidates = candidatesFor(config.catalog, config.gateway, chat.model, chat.resolve);
  const attempt = await runAttempts(config.gateway, request.signal, candidates, (input) => attemptChat(ctx, chat, input));
  return servedChat(ctx, attempt, candidates);
}

export async function dispatchEmbed(
  ctx: RequestContext,
  model: string,
  request: EmbeddingRequest,
  resolve?: Resolve,
): Promise<Dispatched<EmbeddingResponse>> {
  const { config, record } = ctx;
  record.modelAsked = model;
  const candidates = candidatesFor(config.catalog, config.gateway, model, resolve);
  const embedders = candidates.filter((c) => c.route.provider.def.family.embed);
  if (embedders.length === 0) {
    const { provider } = candidates[0]!.route;
    throw badRequest(
      `${provider.def.name} has no embeddings API the proxy can use: choose an embedding model of another provider (GET /v1/models marks them with capabilities.embedding).`,
      'model',
      'embeddings_unsupported',
    );
  }
  const attempt = await runAttempts(config.gateway, ctx.request.signal, embedders, ({ candidate, key, signal }) =>
    candidate.route.provider.def.family.embed!({
      provider: candidate.route.provider,
      model: candidate.route.model,
      request,
      key,
      signal,
      secrets: config.secrets,
    }),
  );
  attempt.release();
  record.inputTokens = attempt.value.usage?.prompt_tokens;
  return served(ctx, attempt.value, attempt, embedders);
}
