/**
 * Node only: a streamed answer (a dialect's stream, a passed-through body) goes from its body
 * flow straight to the ServerResponse, one `res.write` per write of the flow (one per upstream
 * read), with no web ReadableStream and no promise per chunk on the way. A write the socket cannot
 * take yet pauses the flow until 'drain' (a slow client pauses the upstream, nothing piles up
 * here); a client that goes away cancels it, which cancels the upstream request.
 *
 * @hono/node-server is told the answer is already sent by a response it does not write: no
 * body, and its `x-hono-already-sent` header. That response is a plain object, not its own
 * lightweight Response: that one, with a null body, would go its cached path and write a head again.
 */
import { ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import type { BodyFlow, FlowSink } from '../core/flow';
import { bodyFlowOf, writesBodies } from '../core/streamed-response';
import type { NodeFetch } from './drain-refused-body';

const ALREADY_SENT = { status: 200, headers: new Headers({ 'x-hono-already-sent': 'true' }), body: null } as unknown as Response;

class ResponseWriter implements FlowSink<string | Uint8Array> {
  private waitingForDrain = false;
  private done = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly body: BodyFlow,
  ) {
    res.on('close', this.gone).on('error', this.gone);
  }

  data(chunk: string | Uint8Array): void {
    if (this.done) return;
    if (this.res.write(chunk) || this.waitingForDrain) return;
    this.waitingForDrain = true;
    this.body.pause();
    this.res.once('drain', this.drained);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.res.end();
  }

  /** Cut short: the client sees the connection end without the body's end (as a web stream's error gives). */
  fail(error: unknown): void {
    if (this.done) return;
    this.done = true;
    this.res.destroy(error instanceof Error ? error : new Error(String(error)));
  }

  private readonly drained = (): void => {
    this.waitingForDrain = false;
    if (!this.done) this.body.resume();
  };

  private readonly gone = (): void => {
    if (this.done) return;
    this.done = true;
    this.body.cancel();
  };
}

function headersOf(response: Response): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

/** Writes `response`'s head and then `body` to `res`. */
export function writeStreamedBody(response: Response, body: BodyFlow, res: ServerResponse): void {
  // The client left before its answer began.
  if (res.destroyed) return body.cancel();
  try {
    res.writeHead(response.status, headersOf(response));
  } catch (error) {
    body.cancel();
    throw error;
  }
  const writer = new ResponseWriter(res, body);
  // The head is sent on its own, so Node writes the very string it keeps for the response's life
  // (res._header), and writing it makes it flat: put before the first write, it stayed the tree of
  // some 30 strings its headers were appended into, about 0.6 kB more per open stream. Corked, it
  // still leaves with what the body writes at once, in one packet; if nothing, on its own.
  res.cork();
  res.flushHeaders();
  body.start(writer);
  process.nextTick(() => res.uncork());
}

/**
 * The Node entry's fetch handler with streamed answers written by the entry: the handler is told
 * so per request, and a response carrying a body flow is written here and reported already sent.
 */
export function writeStreamedBodies(fetch: NodeFetch): NodeFetch {
  return async (request, node) => {
    const res = node?.outgoing;
    if (!(res instanceof ServerResponse)) return fetch(request, node);
    writesBodies(request);
    const response = await fetch(request, node);
    const body = bodyFlowOf(response);
    if (!body) return response;
    writeStreamedBody(response, body, res);
    return ALREADY_SENT;
  };
}
