/**
 * Node only: a request body refused with 413 is read to its end and discarded (within bounds)
 * before the 413 goes out. Closing a connection while the client is still sending makes the
 * client's TCP stack reset it, and the client sees a reset instead of the 413 (with
 * `Connection: close` nearly always, since Node closes right after the response).
 */
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import type { IncomingMessage } from 'node:http';

const MAX_DRAIN_BYTES = 256 * 1024 * 1024;
const MAX_DRAIN_MS = 10_000;

function drain(incoming: IncomingMessage): Promise<void> {
  // The body reader the request was given is abandoned; its listener would keep what is discarded.
  incoming.removeAllListeners('data');
  return new Promise((resolve) => {
    let bytes = 0;
    const done = () => {
      clearTimeout(timer);
      incoming.off('data', onData).off('end', done).off('error', done).off('close', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_DRAIN_BYTES) done();
    };
    const timer = setTimeout(done, MAX_DRAIN_MS);
    incoming.on('data', onData).on('end', done).on('error', done).on('close', done);
    incoming.resume();
  });
}

// node:http is what node.ts serves on; the type names HTTP/2 too.
export type NodeFetch = (request: Request, node?: HttpBindings | Http2Bindings) => Promise<Response>;

export function drainRefusedBodies(fetch: (request: Request) => Promise<Response>): NodeFetch {
  return async (request, node) => {
    const response = await fetch(request);
    const incoming = node?.incoming as IncomingMessage | undefined;
    if (response.status === 413 && incoming && !incoming.readableEnded && !incoming.destroyed) await drain(incoming);
    return response;
  };
}
