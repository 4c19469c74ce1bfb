/**
 * Coze's `{code, msg}` failures (HTTP 200, or mid-stream) and Cohere embeddings, through the
 * OpenAI dialect against msw.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import { cozeErrorStatus } from '../../src/families/coze/coze-error-status';
import { readSseData } from '../helpers/read-sse';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const post = (path: string, body: unknown) =>
  handle(
    new Request(`http://proxy.test${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { ...testEnv },
  );

describe('Coze failures', () => {
  it('maps error codes and messages to HTTP statuses', () => {
    expect(cozeErrorStatus(4100, 'authentication is invalid')).toBe(401);
    expect(cozeErrorStatus(4013, 'The request frequency exceeds the limit')).toBe(429);
    expect(cozeErrorStatus(4999, 'rate limit reached')).toBe(429);
    expect(cozeErrorStatus(4000, 'bad parameter')).toBe(400);
    expect(cozeErrorStatus(5001, 'internal')).toBe(500);
  });

  it('a rate limit answered with HTTP 200 is a 429', async () => {
    server.use(
      http.post('https://api.coze.com/v3/chat', () => HttpResponse.json({ code: 4013, msg: 'The request frequency exceeds the limit' })),
    );
    const response = await post('/v1/chat/completions', { model: 'helper', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(429);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('frequency');
  });

  it('conversation.chat.failed mid-stream ends the stream with one error event', async () => {
    const sse =
      'event:conversation.chat.created\ndata:{"id":"1","status":"created"}\n\n' +
      'event:conversation.message.delta\ndata:{"id":"m","role":"assistant","type":"answer","content":"Hel"}\n\n' +
      'event:conversation.chat.failed\ndata:{"id":"1","status":"failed","last_error":{"code":5000,"msg":"bot crashed"}}\n\n';
    server.use(
      http.post('https://api.coze.com/v3/chat', () => new HttpResponse(sse, { headers: { 'content-type': 'text/event-stream' } })),
    );
    const response = await post('/v1/chat/completions', { model: 'helper', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const events = (await readSseData(response)) as Array<{ error?: { message: string } }>;
    expect(events.at(-1)?.error?.message).toContain('bot crashed');
  });
});

describe('Cohere embeddings', () => {
  it('posts /v2/embed with input_type and output_dimension, keeps order and encodes base64', async () => {
    let sent: unknown;
    server.use(
      http.post('https://api.cohere.com/v2/embed', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({
          id: 'e',
          embeddings: {
            float: [
              [0.5, -1],
              [2, 0],
            ],
          },
          meta: { billed_units: { input_tokens: 4 } },
        });
      }),
    );
    const response = await post('/v1/embeddings', { model: 'embed-v4.0', input: ['a', 'b'], dimensions: 256, encoding_format: 'base64' });
    expect(sent).toEqual({
      model: 'embed-v4.0',
      texts: ['a', 'b'],
      input_type: 'search_document',
      embedding_types: ['float'],
      output_dimension: 256,
    });
    const body = (await response.json()) as { data: Array<{ index: number; embedding: string }>; usage: unknown };
    expect(body.data.map((d) => d.index)).toEqual([0, 1]);
    const bytes = Buffer.from(body.data[1]!.embedding, 'base64');
    expect([...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)]).toEqual([2, 0]);
    expect(body.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
  });
});
