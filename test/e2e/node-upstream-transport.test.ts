/**
 * The Node entry sends upstream calls through undici's pools, not the global fetch: no upstream
 * call reaches `fetch`, sequential calls (translated, passed through, streamed or not) share their
 * connections, a stream the proxy stops (client gone, UPSTREAM_IDLE_TIMEOUT_MS) closes its upstream
 * request, and an upstream that cannot be reached is a 502 naming its host, never its key.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startNodeProxy, type RunningProxy } from '../helpers/start-proxy';
import { PROXY_KEY } from '../helpers/test-env';

const IDLE_TIMEOUT_MS = 1000;
const SEQUENTIAL = 5;

const completion = JSON.stringify({
  id: 'chatcmpl-t',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
});
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-t', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const event = (type: string, data: object = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const message = {
  id: 'msg_t',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'hi' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
};

/**
 * What the mock answers per path, whole or streamed; a `silent` model gets the events that begin
 * the answer (`begins` of them) and then nothing. `says` is in every answer the client gets.
 */
const answers: Record<string, { json: string; stream: readonly string[]; begins: number; says: string }> = {
  '/v1/chat/completions': {
    json: completion,
    stream: [chunk({ role: 'assistant', content: 'hi' }), chunk({}, 'stop'), 'data: [DONE]\n\n'],
    begins: 1,
    says: '"hi"',
  },
  '/v1/messages': {
    json: JSON.stringify(message),
    stream: [
      event('message_start', { message: { ...message, content: [], stop_reason: null } }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'hi' } }),
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } }),
      event('message_stop'),
    ],
    begins: 3,
    says: '"hi"',
  },
  '/v1/responses': {
    json: JSON.stringify({ id: 'resp_t', object: 'response', status: 'completed', output: [] }),
    stream: [
      `event: response.created\ndata: {"type":"response.created"}\n\n`,
      `event: response.completed\ndata: {"type":"response.completed"}\n\n`,
    ],
    begins: 1,
    says: 'resp',
  },
};

describe('Node entry upstream transport', () => {
  let upstream: Server;
  let upstreamUrl: string;
  let proxy: RunningProxy;
  let unreachablePort: number;
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
      const { stream, model } = JSON.parse(raw) as { stream?: boolean; model: string };
      const answer = answers[req.url ?? '']!;
      if (!stream) return void res.writeHead(200, { 'content-type': 'application/json' }).end(answer.json);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (model.includes('silent')) return void res.write(answer.stream.slice(0, answer.begins).join(''));
      res.write(answer.stream.join(''));
      // As vendors do, the chunked body ends a moment after its last event.
      setTimeout(() => res.end(), 5);
    });
    upstream.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    unreachablePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    proxy = await startNodeProxy({
      API_KEY: PROXY_KEY,
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: `${upstreamUrl}/v1`,
      ANTHROPIC_API_KEY: 'k',
      ANTHROPIC_BASE_URL: upstreamUrl,
      DEEPSEEK_API_KEY: 'sk-never-shown',
      DEEPSEEK_BASE_URL: `http://127.0.0.1:${unreachablePort}`,
      UPSTREAM_RETRIES: '0',
      UPSTREAM_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
      LOG_LEVEL: 'off',
    });
  });
  afterAll(async () => {
    fetchSpy.mockRestore();
    await proxy?.stop();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  const post = (path: string, body: object, signal?: AbortSignal) =>
    fetch(`${proxy.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: signal ?? null,
    });
  const hi = [{ role: 'user', content: 'hi' }];
  /** each inbound surface: its path, and its body for a model */
  const calls = {
    'chat (translated)': { path: '/v1/chat/completions', body: (model = 'gpt-4o-mini') => ({ model, messages: hi }) },
    'messages (passed through)': {
      path: '/v1/messages',
      body: (model = 'claude-sonnet-4-5') => ({ model, max_tokens: 16, messages: hi }),
    },
    'responses (passed through)': { path: '/v1/responses', body: (model = 'gpt-4o-mini') => ({ model, input: 'hi' }) },
  };
  const upstreamFetches = () =>
    fetchSpy.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).startsWith(upstreamUrl));

  for (const [name, { path, body }] of Object.entries(calls)) {
    it.each([false, true])(
      `${name}, stream %s: ${SEQUENTIAL} sequential calls without fetch, over at most 2 connections`,
      async (stream) => {
        const before = { connections, requests };
        for (let i = 0; i < SEQUENTIAL; i++) {
          const response = await post(path, { ...body(), stream });
          expect(response.status).toBe(200);
          expect(await response.text()).toContain(answers[path]!.says);
          // a stream's drain runs after the client has its answer; give it a moment before the next call
          if (stream) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(requests - before.requests).toBe(SEQUENTIAL);
        expect(connections - before.connections).toBeLessThanOrEqual(2);
        expect(upstreamFetches()).toEqual([]);
      },
    );
  }

  it('closes the upstream request when a streaming client goes away', async () => {
    const before = abandoned;
    const client = new AbortController();
    const response = await post('/v1/chat/completions', { model: 'gpt-4o-silent', messages: hi, stream: true }, client.signal);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('"content":"hi"');
    client.abort();
    await reader.read().catch(() => undefined);
    await expect.poll(() => abandoned, { timeout: 5000 }).toBe(before + 1);
  });

  it.each([
    ['chat (translated)', 'gpt-4o-silent'],
    ['messages (passed through)', 'claude-silent'],
  ] as const)('%s: a stream silent past UPSTREAM_IDLE_TIMEOUT_MS closes its upstream request', async (name, model) => {
    const before = abandoned;
    const { path, body } = calls[name];
    const response = await post(path, { ...body(model), stream: true });
    expect(response.status).toBe(200);
    // the stream ends (with an error event for a translated one) once the upstream is cut off
    await response.text().catch(() => undefined);
    await expect.poll(() => abandoned, { timeout: 5000 }).toBe(before + 1);
  });

  it('answers 502 naming the host of an upstream that cannot be reached, without its key', async () => {
    const response = await post('/v1/chat/completions', { model: 'deepseek-chat', messages: hi });
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'upstream_unreachable' } });
    expect(text).toContain(`127.0.0.1:${unreachablePort}`);
    expect(text).not.toContain('sk-never-shown');
  });
});
