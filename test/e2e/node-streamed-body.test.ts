/**
 * The Node entry writes streamed answers itself: in every dialect, translated or passed through,
 * no web ReadableStream is made on the way, each upstream read is one `res.write` to the client,
 * a client that stops reading pauses the upstream (the proxy does not read on and pile it up),
 * and a client that goes away, paused or not, closes the upstream request.
 */
import { createServer, request as httpRequest, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startNodeProxy, type RunningProxy } from '../helpers/start-proxy';
import { PROXY_KEY } from '../helpers/test-env';

const PACE_MS = 25;

const openaiChunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-t', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const anthropicEvent = (type: string, data: object = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

const WORDS = ['w0x', 'w1x', 'w2x', 'w3x'];

/** Each upstream read: the first begins the answer with the first word, one word a read after it, then the end. */
const openaiReads = [
  openaiChunk({ role: 'assistant', content: WORDS[0] }),
  ...WORDS.slice(1).map((word) => openaiChunk({ content: word })),
  openaiChunk({}, 'stop') + 'data: [DONE]\n\n',
];
const anthropicReads = [
  anthropicEvent('message_start', {
    message: {
      id: 'msg_t',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [],
      stop_reason: null,
      usage: { input_tokens: 1, output_tokens: 0 },
    },
  }) +
    anthropicEvent('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
    anthropicEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text: WORDS[0] } }),
  ...WORDS.slice(1).map((word) => anthropicEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text: word } })),
  anthropicEvent('content_block_stop', { index: 0 }) +
    anthropicEvent('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 4 } }) +
    anthropicEvent('message_stop'),
];

const hi = [{ role: 'user', content: 'hi' }];
const dialects = [
  { name: 'OpenAI (translated)', path: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: hi, stream: true } },
  { name: 'Ollama', path: '/api/chat', body: { model: 'gpt-4o-mini', messages: hi, stream: true } },
  { name: 'Anthropic (translated)', path: '/v1/messages', body: { model: 'gpt-4o-mini', max_tokens: 16, messages: hi, stream: true } },
  { name: 'Responses (translated)', path: '/v1/responses', body: { model: 'gpt-4o-mini', input: 'hi', stream: true, store: false } },
  {
    name: 'Anthropic (passed through)',
    path: '/v1/messages',
    body: { model: 'claude-sonnet-4-5', max_tokens: 16, messages: hi, stream: true },
  },
] as const;

/** What the upstream does with the next streamed request. */
let script: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;

describe('Node entry: streamed answers written to the socket', () => {
  let upstream: Server;
  let proxy: RunningProxy;
  let proxyPort: number;

  beforeAll(async () => {
    upstream = createServer(async (req, res) => {
      for await (const _ of req);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      script(req, res);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    proxy = await startNodeProxy({
      API_KEY: PROXY_KEY,
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: `${upstreamUrl}/v1`,
      ANTHROPIC_API_KEY: 'k',
      ANTHROPIC_BASE_URL: upstreamUrl,
      RESPONSES_NATIVE: 'off',
      UPSTREAM_RETRIES: '0',
      LOG_LEVEL: 'off',
    });
    proxyPort = Number(new URL(proxy.url).port);
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await proxy?.stop();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  /** A request with node:http (fetch would make web streams of its own in this process). */
  function post(path: string, body: object): Promise<IncomingMessage> {
    const text = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${proxy.url}${path}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        },
        resolve,
      );
      req.on('error', reject);
      req.end(text);
    });
  }

  const paced = (reads: readonly string[]) => (_req: IncomingMessage, res: ServerResponse) => {
    let next = 0;
    const write = () => {
      if (next < reads.length) {
        res.write(reads[next++]);
        setTimeout(write, PACE_MS);
      } else res.end();
    };
    write();
  };

  it.each(dialects)('$name: no ReadableStream is made, and each upstream read is one write', async ({ path, body }) => {
    script = paced(body.model.startsWith('claude') ? anthropicReads : openaiReads);
    const writes: string[] = [];
    const write = ServerResponse.prototype.write;
    vi.spyOn(ServerResponse.prototype, 'write').mockImplementation(function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      if (this.socket?.localPort === proxyPort)
        writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    });
    let made = 0;
    const Original = globalThis.ReadableStream;
    vi.stubGlobal(
      'ReadableStream',
      class extends Original<unknown> {
        constructor(...args: ConstructorParameters<typeof ReadableStream>) {
          super(...args);
          made += 1;
        }
      },
    );
    const response = await post(path, body);
    expect(response.statusCode).toBe(200);
    let received = '';
    for await (const part of response) received += part;
    vi.unstubAllGlobals();
    for (const word of WORDS) expect(received).toContain(word);
    expect(made).toBe(0);
    // Each word was its own upstream read: each is in a write of its own, and no write holds two
    // (but the Responses dialect's last, whose final objects repeat the whole text).
    const deltas = writes.filter((w) => !WORDS.every((word) => w.includes(word)));
    expect(writes.length - deltas.length).toBeLessThanOrEqual(1);
    expect(WORDS.map((word) => deltas.filter((w) => w.includes(word)).length)).toEqual(WORDS.map(() => 1));
    expect(deltas.filter((w) => WORDS.some((word) => w.includes(word)))).toHaveLength(WORDS.length);
    // Besides them: what the closing read completed, and the dialect's own opening or end.
    expect(writes.length).toBeLessThanOrEqual(WORDS.length + 3);
  });

  describe.each([
    { name: 'translated', path: '/v1/chat/completions', body: dialects[0].body, event: (text: string) => openaiChunk({ content: text }) },
    {
      name: 'passed through',
      path: '/v1/messages',
      body: dialects[4].body,
      event: (text: string) => anthropicEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }),
    },
  ])('a stream $name', ({ path, body, event }) => {
    it('pauses the upstream while the client does not read, and closes it when the client goes', async () => {
      let sent = 0;
      let closed = false;
      const filler = 'x'.repeat(4000);
      script = (_req, res) => {
        res.on('close', () => (closed = true));
        const first = body.model.startsWith('claude') ? anthropicReads[0]! : openaiReads[0]!;
        res.write(first);
        // As fast as the proxy takes it, for as long as it does.
        const more = () => {
          while (!res.destroyed) {
            const chunk = event(filler);
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
        };
        more();
      };
      const response = await post(path, body);
      expect(response.statusCode).toBe(200);
      // One read, then the client reads no more.
      await new Promise((resolve) => response.once('data', resolve));
      response.pause();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const settled = sent;
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Only what the sockets' buffers hold went out, and nothing more while the client is paused.
      expect(settled).toBeLessThan(64 * 1024 * 1024);
      expect(sent - settled).toBeLessThan(256 * 1024);
      response.destroy();
      await expect.poll(() => closed, { timeout: 5000 }).toBe(true);
    });
  });
});
