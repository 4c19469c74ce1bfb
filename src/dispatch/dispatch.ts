/**
 * The one way from an inbound dialect to a provider: candidates (aliases, fallbacks), attempts
 * (retries, keys, timeouts), and the access record. Chat in every dialect and embeddings come
 * through here; families stay single-attempt.
 */
import type { Route } from '../core/catalog';
import { badRequest } from '../core/errors';
import type { Flow } from '../core/flow';
import type { PassedThroughWatcher, PassThrough, PassThroughCall } from '../core/provider';
import type { RequestContext } from '../core/request-context';
import type { ChatRequest, ChatResult, EmbeddingRequest, EmbeddingResponse, Usage } from '../core/types';
import type { UpstreamResponse } from '../core/upstream-transport';
import { candidatesFor, type Candidate, type Resolve } from './candidates';
import { embeddingProviders } from './embedding-providers';
import { guardByteStream, startByteStream, type StartedByteStream } from './guard-byte-stream';
import { GuardedStream, startStream, type StartedStream } from './guard-stream';
import { runAttempts, type Served } from './run-attempts';

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
  /** the client's body, for a candidate whose family speaks the dialect's wire itself */
  readonly passThrough?: PassThroughDispatch;
}

export interface PassThroughDispatch extends Pick<PassThroughCall, 'operation' | 'body' | 'text'> {
  readonly wire: PassThrough['wire'];
}

/** The vendor's headers a client of its own API reads (request ids for support, OpenAI's timing); the rest are the proxy's. */
const PASSED_HEADERS = ['request-id', 'x-request-id', 'openai-processing-ms'] as const;

/**
 * The upstream's own answer to a pass-through: its status, the headers the client gets of it, and
 * its body (streamed or not) as the upstream sends it, guarded (see `passedThrough`), for the
 * dialect's Response (`streamedResponse`).
 */
export interface PassedThrough {
  readonly kind: 'passed-through';
  readonly status: number;
  readonly headers: Headers;
  readonly body: Flow<Uint8Array> | null;
}

/** The upstream's answer to a pass-through as the transport gave it, read up to where the answer begins, not yet the client's. */
interface UpstreamPassedThrough {
  readonly kind: 'passed-through';
  readonly response: UpstreamResponse;
  readonly bytes: StartedByteStream | undefined;
  readonly watcher: PassedThroughWatcher;
}

/** Keeps the access record on the attempt in flight, so a failure is logged with who was tried. */
const recordAttempt =
  (ctx: RequestContext) =>
  ({ route }: Candidate, attempts: number): void => {
    Object.assign(ctx.record, { provider: route.provider.id, modelServed: route.model.id, attempts });
  };

function served<T>(result: T, { candidate, attempts }: Served<unknown>, candidates: readonly Candidate[]): Dispatched<T> {
  const { provider, model } = candidate.route;
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

export function dispatchChat(ctx: RequestContext, chat: ChatDispatch & { passThrough?: undefined }): Promise<Dispatched<ChatResult>>;
export function dispatchChat(ctx: RequestContext, chat: ChatDispatch): Promise<Dispatched<ChatResult | PassedThrough>>;
export async function dispatchChat(ctx: RequestContext, chat: ChatDispatch): Promise<Dispatched<ChatResult | PassedThrough>> {
  const { config, request, record } = ctx;
  record.modelAsked = chat.model;
  const candidates = candidatesFor(config.catalog, config.gateway, chat.model, chat.resolve);
  const attempt = await runAttempts(
    config.gateway,
    request.signal,
    candidates,
    async ({ candidate, key, signal }) => {
      const { provider, model } = candidate.route;
      const native = provider.def.family.passThrough;
      const pass = chat.passThrough;
      // A fallback to another family switches to the translated path: the decision is per candidate.
      if (native && pass && native.wire === pass.wire && (native.serves?.(provider) ?? true)) {
        const call = {
          provider,
          model,
          operation: pass.operation,
          body: pass.body,
          text: pass.text,
          key,
          signal,
          secrets: config.secrets,
          inboundHeaders: request.headers,
        };
        const response = await native.send(call);
        const watcher = native.watch(response, call);
        const bytes = response.body ? await startByteStream(response.body, watcher) : undefined;
        const passed: UpstreamPassedThrough = { kind: 'passed-through', response, bytes, watcher };
        return { result: passed, started: undefined };
      }
      const result = await provider.def.family.chat({
        provider,
        model,
        request: chat.request(candidate.route),
        key,
        includeUsage: chat.includeUsage,
        signal,
        secrets: config.secrets,
        inboundHeaders: request.headers,
      });
      const started = result.kind === 'stream' ? await startStream(result.chunks) : undefined;
      return { result, started };
    },
    recordAttempt(ctx),
  );
  const { result, started } = attempt.value;
  if (result.kind === 'passed-through') return served(passedThrough(ctx, result, attempt), attempt, candidates);
  if (result.kind === 'completion' || !started) {
    attempt.release();
    noteUsage(ctx, result.kind === 'completion' ? result.body.usage : undefined);
    return served(result, attempt, candidates);
  }
  return served({ kind: 'stream', chunks: guardedChunks(ctx, started, attempt) }, attempt, candidates);
}

/**
 * The translated stream, guarded for silence; its usage and error are logged when it ends. Made
 * here, not in dispatchChat: callbacks made there would share its scope, and with it the client's
 * request, for as long as the stream is open.
 */
function guardedChunks(ctx: RequestContext, started: StartedStream, attempt: Served<unknown>): GuardedStream {
  const { record, config } = ctx;
  let endStream: () => void = () => undefined;
  record.streamEnd = new Promise<void>((resolve) => (endStream = resolve));
  return new GuardedStream(started, {
    provider: attempt.candidate.route.provider,
    idleTimeoutMs: config.gateway.idleTimeoutMs,
    controller: attempt.controller,
    onUsage: (usage) => noteUsage(ctx, usage),
    onEnd: (error) => {
      attempt.release();
      if (error !== undefined) record.errorCode = (error as { code?: string }).code ?? 'stream_failed';
      endStream();
    },
  });
}

/** The upstream's bytes as they came, guarded for silence; the watcher's usage and error are logged when they end. */
function passedThrough(ctx: RequestContext, { response, bytes, watcher }: UpstreamPassedThrough, attempt: Served<unknown>): PassedThrough {
  const { record, config } = ctx;
  const headers = new Headers({ 'content-type': response.headers.get('content-type') ?? 'application/json' });
  for (const name of PASSED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  if (!bytes) {
    attempt.release();
    return { kind: 'passed-through', status: response.status, headers, body: null };
  }
  let endStream: () => void = () => undefined;
  record.streamEnd = new Promise<void>((resolve) => (endStream = resolve));
  const body = guardByteStream(bytes, {
    provider: attempt.candidate.route.provider,
    idleTimeoutMs: config.gateway.idleTimeoutMs,
    controller: attempt.controller,
    watcher,
    onEnd: (error) => {
      attempt.release();
      noteUsage(ctx, watcher.usage());
      // An error event after the answer began reached the client in the bytes; the log says so too.
      const failure = error ?? watcher.error;
      if (failure !== undefined) record.errorCode = (failure as { code?: string }).code ?? 'stream_failed';
      endStream();
    },
  });
  return { kind: 'passed-through', status: response.status, headers, body };
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
    const others = embeddingProviders(config.catalog);
    const choice = others.length
      ? `configured providers with embeddings: ${others.join(', ')}`
      : 'no configured provider has an embedding model';
    throw badRequest(
      `${provider.def.name} has no embeddings API the proxy can use; ${choice} (GET /v1/models marks embedding models with capabilities.embedding).`,
      'model',
      'embeddings_unsupported',
    );
  }
  const attempt = await runAttempts(
    config.gateway,
    ctx.request.signal,
    embedders,
    ({ candidate, key, signal }) =>
      candidate.route.provider.def.family.embed!({
        provider: candidate.route.provider,
        model: candidate.route.model,
        request,
        key,
        signal,
        secrets: config.secrets,
      }),
    recordAttempt(ctx),
  );
  attempt.release();
  record.inputTokens = attempt.value.usage?.prompt_tokens;
  return served(attempt.value, attempt, embedders);
}
