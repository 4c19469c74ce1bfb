/**
 * The Node entry sends upstream calls through undici's pools, not the global fetch: no upstream
 * call reaches `fetch`, sequential calls share one connection, and a client that leaves
 * mid-stream closes the upstream request through that transport.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startNodeProxy, type RunningProxy } from '../helpers/start-proxy';
import { PROXY_KEY } from '../helpers/test-env';

const completion = JSON.stringify({
  id: 'chatcmpl-t',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
});
const firstChunk = `data: ${JSON.stringify({
  id: 'chatcmpl-t',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, delta: { role: 'assistant', content: 'hi' }, finish_reason: null }],
})}\n\n`;

describe('Node entry upstream transport', () => {
  let upstream: Server;
  let upstreamUrl: string;
  let proxy: RunningProxy;
  let connections = 0;
  let requests = 0;
  let abandoned = 0;
  const fetchSpy = vi.spyOn(globalThis, 'fetch');

  beforeAll(async () => {
    upstream = createServer(async (req, res) => {
      let raw = '';
      for await (const part of req) raw += part;
      requests += 1;
      let finished = false;
      res.on('finish', () => (finished = true));
      res.on('close', () => {
        if (!finished) abandoned += 1;
      });
      if ((JSON.parse(raw) as { stream?: boolean }).stream) {
        // the first token, then nothing until the client gives up
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(firstChunk);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(completion);
    });
    upstream.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    proxy = await startNodeProxy({ API_KEY: PROXY_KEY, OPENAI_API_KEY: 'k', OPENAI_BASE_URL: `${upstreamUrl}/v1`, LOG_LEVEL: 'off' });
  });
  afterAll(async () => {
    fetchSpy.mockRestore();
    await proxy?.stop();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  const chat = (stream: boolean, signal?: AbortSignal) =>
    fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream }),
      signal: signal ?? null,
    });

  it('sends non-streamed calls without fetch, over one kept-alive connection', async () => {
    const before = { connections, requests };
    for (let i = 0; i < 6; i++) {
      const response = await chat(false);
      expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('hi');
    }
    expect(requests - before.requests).toBe(6);
    expect(connections - before.connections).toBe(1);
    const upstreamFetches = fetchSpy.mock.calls.filter(([input]) =>
      String(input instanceof Request ? input.url : input).startsWith(upstreamUrl),
    );
    expect(upstreamFetches).toEqual([]);
  });

  it('closes the upstream request when a streaming client goes away', async () => {
    const before = abandoned;
    const client = new AbortController();
    const response = await chat(true, client.signal);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('"content":"hi"');
    client.abort();
    await reader.read().catch(() => undefined);
    await expect.poll(() => abandoned, { timeout: 5000 }).toBe(before + 1);
  });
});
