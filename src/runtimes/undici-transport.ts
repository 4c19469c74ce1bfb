/**
 * The Node entry's upstream transport: undici's own `request` on a keep-alive Pool per upstream
 * origin, with Node streams underneath and no WHATWG fetch, Request, Response, Headers or web
 * stream on the way (Node's fetch, built on the same library, cost several times the CPU per
 * call: docs/benchmarks.md). Only the Node entry imports this file, so Workers never bundle undici.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Agent } from 'undici';
import type { Flow, FlowSink } from '../core/flow';
import type { BodyReadResult, UpstreamBody, UpstreamHeaders, UpstreamResponse, UpstreamTransport } from '../core/upstream-transport';

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

/**
 * The Node stream as a flow, with no promise per chunk: on 'readable', what has arrived is read
 * whole (what one socket read brought, however many pieces of the chunked body it held, is one
 * chunk), while not paused. A paused body is not read, so once its buffer is full it stops
 * reading its socket and the upstream waits too. Cancelling destroys it, which aborts the
 * request and closes its socket.
 */
class NodeBodyFlow implements Flow<Uint8Array> {
  private paused = false;
  private stopped = false;
  private sink: FlowSink<Uint8Array> | undefined;

  constructor(private readonly body: Readable) {}

  start(sink: FlowSink<Uint8Array>): void {
    this.sink = sink;
    this.body.on('readable', this.take).on('end', this.onEnd).on('error', this.onError).on('close', this.onClose);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    if (this.sink) this.take();
  }

  cancel(): void {
    if (this.stopped) return;
    this.stopped = true;
    // The abort error it reports is the cancel itself, with no reader left to tell.
    this.body.on('error', () => undefined).destroy();
  }

  private readonly take = (): void => {
    const { body } = this;
    let chunk: Uint8Array | null;
    while (!this.paused && !this.stopped && (chunk = body.read() as Uint8Array | null) !== null) this.sink!.data(chunk);
  };

  private readonly onEnd = (): void => {
    if (this.stopped) return;
    this.stopped = true;
    this.sink!.end();
  };

  private readonly onError = (error: unknown): void => {
    if (this.stopped) return;
    this.stopped = true;
    this.sink!.fail(error);
  };

  // Destroyed without an error and before its end: cut short all the same.
  private readonly onClose = (): void => {
    if (this.stopped) return;
    this.stopped = true;
    this.sink!.fail(new Error('the upstream body closed before its end'));
  };
}

/**
 * Read one chunk at a time (a body read whole: JSON, an error) or as a flow (a stream); cancelling
 * destroys it, which aborts the request and closes its socket.
 */
export function nodeUpstreamBody(body: Readable): UpstreamBody {
  return {
    getReader() {
      const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array, undefined>;
      return {
        read: () => chunks.next() as Promise<BodyReadResult>,
        cancel: async () => {
          // The abort error it reports is the cancel itself, with no reader left to tell.
          body.on('error', () => undefined).destroy();
        },
      };
    },
    flow: () => new NodeBodyFlow(body),
  };
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
  return async ({ method, url, headers, body, signal }): Promise<UpstreamResponse> => {
    const { origin, path } = targetOf(url);
    const response = await agent.request({
      origin,
      path,
      method,
      headers,
      body,
      signal,
    });
    const { statusCode } = response;
    const empty = NO_BODY.has(statusCode);
    // Read to its end, so the connection goes back to the pool.
    if (empty) await response.body.dump();
    return {
      status: statusCode,
      ok: statusCode >= 200 && statusCode < 300,
      headers: headerReader(response.headers),
      body: empty ? null : nodeUpstreamBody(response.body),
    };
  };
}
