/**
 * The Node entry's transport against a loopback server: what goes on the wire, what the families
 * read back, keep-alive across calls, and that cancelling or aborting closes the connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UpstreamBody } from '../../src/core/upstream-transport';
import { collectGarbage } from '../helpers/collected';
import { undiciTransport } from '../../src/runtimes/undici-transport';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let origin: string;
let connections = 0;
let abandoned = 0;
let bigWritten = 0;
const seen: Seen[] = [];
const agent = new Agent();
const send = undiciTransport(agent);

const routes: Record<string, (res: ServerResponse) => void> = {
  '/json': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-multi': ['a', 'b'] });
    res.end('{"ok":true}');
  },
  '/empty': (res) => res.writeHead(204).end(),
  // 32 MiB in 64 KiB writes, each as soon as the socket takes the one before: how far it gets shows whether the reader holds it back
  '/big': (res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const piece = Buffer.alloc(64 * 1024, 97);
    let left = 512;
    const write = (): void => {
      while (left > 0) {
        left -= 1;
        bigWritten += piece.byteLength;
        if (!res.write(piece)) return void res.once('drain', write);
      }
      res.end();
    };
    write();
  },
  // the head never comes
  '/silent': () => undefined,
  '/rejected': (res) => res.writeHead(429, { 'retry-after': '7' }).end('slow down'),
  // three chunks, then silence: the client decides when it has read enough
  '/endless': (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const n of [1, 2, 3]) res.write(`data: ${n}\n\n`);
  },
};

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const part of req) body += part;
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    let finished = false;
    res.on('finish', () => (finished = true));
    res.on('close', () => {
      if (!finished) abandoned += 1;
    });
    routes[(req.url ?? '').split('?')[0]!]!(res);
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

const post = (path: string, signal?: AbortSignal) =>
  send({
    method: 'POST',
    url: `${origin}${path}`,
    headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
    body: '{"q":1}',
    signal,
  });

async function text(body: UpstreamBody | null): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let out = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out + decoder.decode();
    out += decoder.decode(value, { stream: true });
  }
}

describe('undiciTransport', () => {
  it('sends the method, path with query, headers and body, and reads status, headers and body', async () => {
    const response = await post('/json?api-version=1');
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/json?api-version=1',
      body: '{"q":1}',
      headers: { 'content-type': 'application/json', authorization: 'Bearer k', 'content-length': '7' },
    });
    expect(response).toMatchObject({ status: 200, ok: true });
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('x-multi')).toBe('a, b');
    expect(response.headers.get('x-absent')).toBeNull();
    expect(await text(response.body)).toBe('{"ok":true}');
  });

  it('reports a failure status with its headers and body', async () => {
    const response = await post('/rejected');
    expect(response).toMatchObject({ status: 429, ok: false });
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await text(response.body)).toBe('slow down');
  });

  it('keeps one connection for sequential calls, bodiless answers included', async () => {
    const before = connections;
    for (let i = 0; i < 5; i++) {
      const response = await post(i % 2 ? '/empty' : '/json');
      if (i % 2) expect(response.body).toBeNull();
      else await text(response.body);
    }
    // the connection of the calls before may still be the one in use
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('closes the connection when the body is cancelled, so no half-read one goes back to the pool', async () => {
    const before = abandoned;
    const response = await post('/endless');
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('data: 1');
    await reader.cancel();
    // the server saw the connection close mid-answer; the pool goes on with the others
    await expect.poll(() => abandoned).toBe(before + 1);
    expect(await text((await post('/json')).body)).toBe('{"ok":true}');
  });

  it('aborts the exchange mid-body when its signal fires', async () => {
    const before = abandoned;
    const controller = new AbortController();
    const response = await post('/endless', controller.signal);
    const reader = response.body!.getReader();
    await reader.read();
    const pending = (async () => {
      for (;;) if ((await reader.read()).done) return 'ended';
    })();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => abandoned).toBe(before + 1);
  });

  it('lets an answer nobody reads end by itself, so its connection goes back to the pool', async () => {
    await text((await post('/json')).body);
    const before = connections;
    await post('/json');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await text((await post('/json')).body)).toBe('{"ok":true}');
    expect(connections).toBe(before);
  });

  it('stops reading the upstream while the body is paused, and reads on when it resumes', async () => {
    bigWritten = 0;
    const response = await post('/big');
    const flow = response.body!.flow!();
    let received = 0;
    let paused = true;
    const ended = new Promise<void>((resolve, reject) =>
      flow.start({
        data: (chunk) => {
          received += chunk.byteLength;
          if (paused) flow.pause();
        },
        end: resolve,
        fail: reject,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    // What the sockets' buffers (several MiB on loopback) and one parser read hold, not the whole body.
    expect(bigWritten).toBeLessThan(16 * 1024 * 1024);
    expect(received).toBeLessThan(1024 * 1024);
    paused = false;
    flow.resume();
    await ended;
    expect(received).toBe(32 * 1024 * 1024);
    expect(bigWritten).toBe(32 * 1024 * 1024);
  });

  it('rejects at once when its signal fires before the answer begins, and closes the connection', async () => {
    const before = abandoned;
    const controller = new AbortController();
    const pending = post('/silent', controller.signal);
    await expect.poll(() => seen.some((request) => request.url === '/silent')).toBe(true);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => abandoned).toBe(before + 1);
  });

  it('keeps no copy of the request body of its own while the answer streams', async () => {
    const heap = async () => {
      await collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    // Each body is made in its own call, so the test holds none of them itself.
    const sendLarge = (n: number) =>
      send({ method: 'POST', url: `${origin}/endless`, headers: {}, body: `"${String(n).repeat(1024 * 1024)}"`, signal: undefined });
    const before = await heap();
    const open = [];
    for (let n = 0; n < 8; n++) open.push(await sendLarge(n));
    const readers = open.map((response) => response.body!.getReader());
    for (const reader of readers) await reader.read();
    // what the server saw
    seen.length = 0;
    const held = (await heap()) - before;
    for (const reader of readers) await reader.cancel();
    // undici's one copy of each (8 MiB) lives outside the JS heap, as the bytes it sent.
    expect(held).toBeLessThan(3 * 1024 * 1024);
  });

  it("keeps no copy of the answer's head while its body streams", async () => {
    // A server of its own that keeps nothing per answer (node:http would keep each head it wrote):
    // one head with a 128 KiB header, one chunk, then the body stays open.
    const head = `HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nx-big: ${'h'.repeat(128 * 1024)}\r\ntransfer-encoding: chunked\r\n\r\n9\r\ndata: 1\n\n\r\n`;
    const raw = createNetServer((socket) => socket.once('data', () => socket.write(head)));
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`;
    const memory = async () => {
      await collectGarbage();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    // Only the readers are kept: the head was read, as a family reads it, and let go.
    const roomy = new Agent({ maxHeaderSize: 256 * 1024 });
    const sendRoomy = undiciTransport(roomy);
    const open = async () => (await sendRoomy({ method: 'POST', url, headers: {}, body: '{}', signal: undefined })).body!.getReader();
    const readers = [await open()];
    await readers[0]!.read();
    const before = await memory();
    for (let n = 0; n < 40; n++) readers.push(await open());
    for (const reader of readers.slice(1)) await reader.read();
    const held = (await memory()) - before;
    for (const reader of readers) await reader.cancel();
    await roomy.destroy();
    await new Promise((resolve) => raw.close(resolve));
    // 40 heads of 128 KiB are 5 MiB; what a stream needs besides is a few KiB.
    expect(held).toBeLessThan(40 * 64 * 1024);
  });

  it('rejects with the cause when the upstream cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(send({ method: 'POST', url: `http://127.0.0.1:${port}/x`, headers: {}, body: '', signal: undefined })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
