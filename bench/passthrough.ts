/**
 * Child entry for the baselines: a bare pass-through that forwards the request with the global
 * `fetch` (undici, as the proxy uses) to BENCH_UPSTREAM and pipes the response back, with none of
 * the proxy's work (no auth, validation, routing, parsing or re-encoding of the stream).
 *
 *   `node`: node:http server. P, the baseline of the design's targets ("a bare Node fetch
 *           pass-through"): the least any fetch-based proxy on Node can cost.
 *   `undici`: node:http server forwarding with undici's own `Pool.request` (keep-alive pool, Node
 *           streams, no WHATWG fetch/Request/Response): the floor a Node proxy can reach, the
 *           design's P for the performance targets.
 *   `hono`: @hono/node-server with a trivial fetch handler. Same server adapter as the proxy, so
 *           X minus this is the proxy's own code and this minus P is the adapter's share.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import { serve } from '@hono/node-server';
import { Pool } from 'undici';
import { serveSideChannel } from './side-channel';

const upstream = process.env.BENCH_UPSTREAM;
if (!upstream) throw new Error('BENCH_UPSTREAM is not set');
const kind = process.argv[2];

function forwardHeaders(contentType: string | null | undefined, authorization: string | null | undefined): Record<string, string> {
  return { 'content-type': contentType ?? 'application/json', authorization: authorization ?? '' };
}

async function forwardNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  // A client that goes away mid-stream cancels the upstream request, as the proxy does.
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const response = await fetch(`${upstream}${req.url ?? '/'}`, {
    method: req.method ?? 'POST',
    headers: forwardHeaders(req.headers['content-type'], req.headers.authorization),
    body: Buffer.concat(parts),
    signal: abort.signal,
  });
  res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' });
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      res.write(value);
    }
  }
  res.end();
}

async function forwardFetch(request: Request): Promise<Response> {
  const response = await fetch(`${upstream}${new URL(request.url).pathname}`, {
    method: request.method,
    headers: forwardHeaders(request.headers.get('content-type'), request.headers.get('authorization')),
    body: await request.arrayBuffer(),
    signal: request.signal,
  });
  return new Response(response.body, {
    status: response.status,
    headers: { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' },
  });
}

// No cap on connections: the memory phase holds 1,000 streams open at once, as a proxy must.
const pool = new Pool(upstream);

async function forwardUndici(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const { statusCode, headers, body } = await pool.request({
    path: req.url ?? '/',
    method: 'POST',
    headers: forwardHeaders(req.headers['content-type'], req.headers.authorization),
    body: Buffer.concat(parts),
    signal: abort.signal,
  });
  const type = headers['content-type'];
  res.writeHead(statusCode, { 'content-type': (Array.isArray(type) ? type[0] : type) ?? 'application/octet-stream' });
  for await (const chunk of body) res.write(chunk);
  res.end();
}

const fail = (res: ServerResponse) => () => {
  if (!res.headersSent) res.writeHead(502);
  res.end();
};

let server: Server;
if (kind === 'undici') {
  server = createServer((req, res) => void forwardUndici(req, res).catch(fail(res))).listen(0, '127.0.0.1');
} else if (kind === 'node') {
  server = createServer((req, res) => void forwardNode(req, res).catch(fail(res))).listen(0, '127.0.0.1');
} else if (kind === 'hono') {
  server = serve({ fetch: forwardFetch, port: 0, hostname: '127.0.0.1' }) as unknown as Server;
} else {
  throw new Error(`usage: passthrough.ts node|undici|hono (got ${String(kind)})`);
}
serveSideChannel(server);
