/**
 * The Node entry's upstream transport: undici's dispatcher on a keep-alive Pool per upstream
 * origin, driven by a handler of ours, with no WHATWG fetch, Request, Response, Headers or web
 * stream on the way (Node's fetch, built on the same library, cost several times the CPU per
 * call: docs/benchmarks.md) and no Node Readable either: undici's HTTP parser hands each piece of
 * a body to the flow that reads it. Only the Node entry imports this file, so Workers never
 * bundle undici.
 * @see https://github.com/nodejs/undici/blob/main/docs/docs/api/Dispatcher.md#parameter-dispatchhandler
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import { PullableFlow, type FlowSink } from '../core/flow';
import type { BodyReader, BodyReadResult, UpstreamHeaders, UpstreamResponse, UpstreamTransport } from '../core/upstream-transport';

/** Statuses HTTP gives no body, as fetch reports them (body null). */
const NO_BODY = new Set([204, 205, 304]);

function headerReader(raw: IncomingHttpHeaders): UpstreamHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** what a body not yet read may hold before the parser waits: a Node stream's default buffer */
const WAIT_BYTES = 64 * 1024;

const asError = (reason: unknown): Error => (reason instanceof Error ? reason : new Error(String(reason)));

/**
 * One exchange as undici's dispatcher drives it: the head settles the transport's promise, and
 * the body is a flow fed by the parser, a piece per call. Before a consumer starts the body, up
 * to a Node stream's buffer of it waits here; once the consumer pauses, the parser pauses after
 * the piece it was handed, so what the upstream sends waits in the socket. Cancelling aborts the
 * request, which closes its socket; so does the call's signal.
 * Nothing here keeps the request's body: undici holds the one copy it sends until the exchange ends.
 */
class Exchange extends PullableFlow<Uint8Array> implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private head: { resolve: (response: UpstreamResponse) => void; reject: (error: unknown) => void } | undefined;
  private sink: FlowSink<Uint8Array> | undefined;
  /** pieces that came while no consumer took them */
  private readonly waiting: Uint8Array[] = [];
  private waitingBytes = 0;
  private paused = false;
  /** inside a parser call, where undici's resume must not be called */
  private delivering = false;
  /** the sink has had its end, its failure or a cancel: it hears no more */
  private stopped = false;
  private outcome: { error?: unknown } | undefined;

  constructor(private readonly signal: AbortSignal | undefined) {
    super();
  }

  /** The response's head, once undici has it. */
  response(): Promise<UpstreamResponse> {
    return new Promise((resolve, reject) => {
      this.head = { resolve, reject };
      this.signal?.addEventListener('abort', this.aborted, { once: true });
    });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.signal?.aborted) controller.abort(asError(this.signal.reason));
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    // undici's controller keeps the raw header lines (a Buffer per name and value) for the whole
    // exchange; `headers` has them parsed, so an open stream need not hold a dozen Buffers more.
    controller.rawHeaders = null;
    if (statusCode < 200) return;
    const head = this.takeHead();
    if (!head) return;
    // HTTP gives these no body; undici ends the exchange by itself, and the connection goes back to the pool.
    const empty = NO_BODY.has(statusCode);
    head.resolve({
      status: statusCode,
      ok: statusCode >= 200 && statusCode < 300,
      headers: headerReader(headers),
      body: empty ? null : { getReader: () => this.reader(), flow: () => this },
    });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.stopped) return;
    const { sink } = this;
    if (!sink || this.paused) {
      this.waiting.push(chunk);
      this.waitingBytes += chunk.byteLength;
      // A body not yet read may end meanwhile (its connection then goes back to the pool); past a
      // Node stream's buffer, the parser waits for it.
      if (sink || this.waitingBytes >= WAIT_BYTES) controller.pause();
      return;
    }
    this.delivering = true;
    sink.data(chunk);
    this.delivering = false;
    if (this.paused) controller.pause();
  }

  onResponseEnd(): void {
    this.settle({});
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    const head = this.takeHead();
    if (!head) return this.settle({ error });
    this.stopListening();
    head.reject(error);
  }

  start(sink: FlowSink<Uint8Array>): void {
    this.sink = sink;
    this.flush();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    if (!this.delivering) this.flush();
  }

  cancel(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.dropWaiting();
    this.stopListening();
    // The error undici reports back is the cancel itself, with no reader left to tell.
    this.controller?.abort(new Error('the upstream body was cancelled'));
  }

  private reader(): BodyReader {
    return {
      read: () => this.next() as Promise<BodyReadResult>,
      cancel: async () => void (await this.return()),
    };
  }

  /** The exchange is over: the sink hears it after what still waits. */
  private settle(outcome: { error?: unknown }): void {
    this.stopListening();
    this.outcome ??= outcome;
    this.flush();
  }

  /** Hands on what waits, then the outcome if there is one, else lets the parser go on. */
  private flush(): void {
    const { sink } = this;
    if (!sink || this.stopped) return;
    while (this.waiting.length && !this.paused) {
      const chunk = this.waiting.shift()!;
      this.waitingBytes -= chunk.byteLength;
      sink.data(chunk);
    }
    if (this.paused || this.waiting.length || this.stopped) return;
    const { outcome } = this;
    if (!outcome) return this.controller?.resume();
    this.stopped = true;
    if ('error' in outcome) sink.fail(outcome.error);
    else sink.end();
  }

  private readonly aborted = (): void => {
    const reason = asError(this.signal!.reason);
    const head = this.takeHead();
    // Rejected now, not when a connection comes: a request still queued is aborted as it starts.
    if (head) head.reject(reason);
    else {
      this.dropWaiting();
      this.settle({ error: reason });
    }
    this.controller?.abort(reason);
  };

  /** The head's promise, to settle once. */
  private takeHead(): typeof this.head {
    const head = this.head;
    this.head = undefined;
    return head;
  }

  private dropWaiting(): void {
    this.waiting.length = 0;
    this.waitingBytes = 0;
  }

  private stopListening(): void {
    this.signal?.removeEventListener('abort', this.aborted);
  }
}

/** Far more than a configuration has (each provider's base URL times its operations); past it the cache starts over. */
const MAX_TARGETS = 256;

/** Upstream URLs repeat call after call: each is parsed into the origin and path undici takes once, not per call. */
function targets(): (url: string) => { origin: string; path: string } {
  const parsed = new Map<string, { origin: string; path: string }>();
  return (url) => {
    let target = parsed.get(url);
    if (!target) {
      const { origin, pathname, search } = new URL(url);
      target = { origin, path: `${pathname}${search}` };
      if (parsed.size >= MAX_TARGETS) parsed.clear();
      parsed.set(url, target);
    }
    return target;
  };
}

/**
 * One Agent: a Pool per origin, created on first use and dropped when its last connection
 * closes. Connections in flight are not capped per origin (as with fetch's default): a cap would
 * queue a short request behind minutes-long streams to the same provider. Idle connections stay
 * open for undici's keep-alive timeout (4 s, or less when the upstream says so).
 */
export function undiciTransport(agent: Agent = new Agent()): UpstreamTransport {
  const targetOf = targets();
  return ({ method, url, headers, body, signal }) => {
    if (signal?.aborted) return Promise.reject(asError(signal.reason));
    const { origin, path } = targetOf(url);
    const exchange = new Exchange(signal);
    const response = exchange.response();
    agent.dispatch({ origin, path, method, headers, body }, exchange);
    return response;
  };
}
