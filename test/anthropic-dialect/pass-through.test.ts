/**
 * What dispatch reads from a passed-through answer without changing it: the usage in the access
 * log (a Message's `usage`; a stream's message_start and message_delta), and an error event before
 * the answer began, which is retried like an HTTP error. Upstream bytes follow Anthropic's wire
 * format (docs.anthropic.com/en/docs/build-with-claude/streaming, .../en/api/errors), sent in small
 * chunks that split lines and JSON anywhere.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handle } from '../../src/app';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => server.resetHandlers());
afterEach(() => vi.restoreAllMocks());

const URL = 'https://api.anthropic.com/v1/messages';
const hello = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] };

const post = (body: unknown, env: Record<string, string> = {}) =>
  handle(
    new Request('http://proxy.test/v1/messages?beta=true', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': PROXY_KEY },
      body: JSON.stringify(body),
    }),
    { ...testEnv, LOG_LEVEL: 'info', UPSTREAM_RETRY_BASE_MS: '1', ...env },
  );

/** The text as a body of `size`-byte chunks: lines, JSON and UTF-8 characters split anywhere. */
function chunked(text: string, size: number, type: string): HttpResponse<ReadableStream> {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
      controller.close();
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': type } });
}

/** Answers call by call from `answers`, and counts the calls. */
function upstream(...answers: Array<() => Response>) {
  const seen = { calls: 0 };
  server.use(http.post(URL, () => answers[Math.min(seen.calls++, answers.length - 1)]!()));
  return seen;
}

async function logged(response: Response): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  await response.arrayBuffer();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
const messageStart = event('message_start', {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 21, cache_read_input_tokens: 100, output_tokens: 1 },
  },
});
const ping = event('ping', { type: 'ping' });
const answer = [
  event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
  event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Grüße, "usage": ok' } }),
  event('content_block_stop', { type: 'content_block_stop', index: 0 }),
  event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 7 },
  }),
  event('message_stop', { type: 'message_stop' }),
].join('');
const overloaded = event('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });

describe('the access log of a passed-through answer', () => {
  it("has a Message's usage, not a `usage` inside its content, whatever the chunks", async () => {
    const message = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'text', text: 'the "usage": {"input_tokens": 999} of it, \\"quoted\\" {' },
        { type: 'tool_use', id: 't1', name: 'Bash', input: { usage: { input_tokens: 888 }, list: [1, { a: '}' }] } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 3, cache_creation_input_tokens: 4, cache_read_input_tokens: 9, output_tokens: 5, service_tier: 'standard' },
    };
    const text = JSON.stringify(message, null, 1);
    for (const size of [1, 7, 64, 1 << 20]) {
      upstream(() => chunked(text, size, 'application/json'));
      const response = await post(hello);
      const line = logged(response.clone());
      expect(await response.text()).toBe(text);
      expect(await line).toMatchObject({ provider: 'anthropic', status: 200, input_tokens: 16, output_tokens: 5 });
    }
  });

  it('has the input tokens of message_start and the output tokens of message_delta, the bytes unchanged', async () => {
    const sse = messageStart + ping + answer;
    for (const size of [1, 5, 50, 1 << 20]) {
      upstream(() => chunked(sse, size, 'text/event-stream'));
      const response = await post({ ...hello, stream: true });
      const line = logged(response.clone());
      expect(await response.text()).toBe(sse);
      expect(await line).toMatchObject({ input_tokens: 121, output_tokens: 7, attempts: 1 });
      expect((await line).error).toBeUndefined();
    }
  });

  it('notes an error event after the answer began, which reaches the client as the upstream sent it', async () => {
    const sse = messageStart + answer.slice(0, answer.indexOf('event: content_block_stop')) + overloaded;
    // In one chunk too: the error follows the answer's start within the chunk read ahead.
    for (const size of [9, 1 << 20]) {
      const seen = upstream(() => chunked(sse, size, 'text/event-stream'));
      const response = await post({ ...hello, stream: true }, { UPSTREAM_RETRIES: '2' });
      const line = logged(response.clone());
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(sse);
      expect(await line).toMatchObject({ input_tokens: 121, error: 'upstream_overloaded', attempts: 1 });
      expect(seen.calls).toBe(1);
    }
  });
});

describe('an error event before the answer began', () => {
  it('is retried: the client gets the next attempt exactly as it was sent', async () => {
    const good = messageStart + ping + answer;
    const seen = upstream(
      () => chunked(messageStart + ping + overloaded, 3, 'text/event-stream'),
      () => chunked(good, 11, 'text/event-stream'),
    );
    const response = await post({ ...hello, stream: true }, { UPSTREAM_RETRIES: '2', LOG_LEVEL: 'off' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-proxy-attempts')).toBe('2');
    expect(await response.text()).toBe(good);
    expect(seen.calls).toBe(2);
  });

  it('ends as the status it stands for once the attempts are used up (529 overloaded_error), or falls back', async () => {
    const seen = upstream(() => chunked(messageStart + overloaded, 16, 'text/event-stream'));
    const refused = await post({ ...hello, stream: true }, { UPSTREAM_RETRIES: '1', LOG_LEVEL: 'off' });
    expect(refused.status).toBe(529);
    expect(await refused.json()).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Anthropic error: Overloaded' },
    });
    expect(seen.calls).toBe(2);

    const rateLimited = event('error', { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } });
    upstream(() => chunked(rateLimited, 16, 'text/event-stream'));
    const limited = await post({ ...hello, stream: true }, { LOG_LEVEL: 'off' });
    expect(limited.status).toBe(429);

    upstream(() => chunked(messageStart + overloaded, 16, 'text/event-stream'));
    server.use(
      http.post('https://api.deepseek.com/chat/completions', () =>
        HttpResponse.text(
          'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"deepseek-chat","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n',
          { headers: { 'content-type': 'text/event-stream' } },
        ),
      ),
    );
    const fellBack = await post({ ...hello, stream: true }, { LOG_LEVEL: 'off', MODEL_FALLBACKS: 'claude-sonnet-4-5>deepseek-chat' });
    expect(fellBack.headers.get('x-proxy-provider')).toBe('deepseek');
    expect(await fellBack.text()).toContain('"text":"Hi"');
  });
});
