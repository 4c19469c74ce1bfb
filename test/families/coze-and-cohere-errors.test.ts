/**
 * Coze's `{code, msg}` failures (HTTP 200, or mid-stream), Cohere's failures and embeddings, through the
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
  // Codes and meanings from https://www.coze.com/docs/developer_guides/coze_error_codes
  it.each([
    [4000, 'invalid request parameters', 400],
    [4006, 'invalid bot', 404],
    [4008, 'user rate limit', 429],
    [4009, 'system request ceiling reached, retry later', 429],
    [4010, 'prompt tokens over the model limit', 400],
    [4011, 'Coze token balance insufficient', 402],
    [4013, 'model error', 502],
    [4015, 'bot not published to API', 404],
    [4019, 'balance in arrears', 402],
    [4020, 'RPM peak exceeded', 429],
    [4022, 'model service in arrears', 402],
    [4100, 'authentication is invalid', 401],
    [4101, 'no permission to access the resource', 403],
    [4200, 'resource not found', 404],
    [5000, 'internal server error', 500],
    [700012006, 'access token invalid', 401],
  ])('maps Coze code %i (%s) to HTTP %i', (code, message, status) => {
    expect(cozeErrorStatus(code, message)).toBe(status);
  });

  it('reads the message of a code it does not know', () => {
    expect(cozeErrorStatus(4999, 'rate limit reached')).toBe(429);
    expect(cozeErrorStatus(4998, 'the access token is expired')).toBe(401);
    expect(cozeErrorStatus(4997, 'bad parameter')).toBe(400);
    expect(cozeErrorStatus(5001, 'internal')).toBe(500);
  });

  it('a bad token answered with HTTP 200 is a 502 naming COZE_API_KEY', async () => {
    server.use(http.post('https://api.coze.com/v3/chat', () => HttpResponse.json({ code: 4100, msg: 'authentication is invalid' })));
    const response = await post('/v1/chat/completions', { model: 'helper', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('COZE_API_KEY');
  });

  it('a rate limit answered with HTTP 200 is a 429', async () => {
    server.use(
      http.post('https://api.coze.com/v3/chat', () => HttpResponse.json({ code: 4020, msg: 'The RPM peak of bot calls is exceeded' })),
    );
    const response = await post('/v1/chat/completions', { model: 'helper', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(429);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('RPM peak');
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

describe('Cohere failures', () => {
  it("answers 498 InvalidToken (a deny-listed token of text) as the request's fault, blaming no key", async () => {
    server.use(
      http.post('https://api.cohere.com/v2/chat', () =>
        HttpResponse.json({ id: 'x', message: 'the request contains a blocked token' }, { status: 498 }),
      ),
    );
    const response = await post('/v1/chat/completions', { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(400);
    const { message } = ((await response.json()) as { error: { message: string } }).error;
    expect(message).toContain('blocked token');
    expect(message).not.toContain('COHERE_API_KEY');
  });

  it("answers 401 as the proxy's key, naming COHERE_API_KEY", async () => {
    server.use(
      http.post('https://api.cohere.com/v2/chat', () => HttpResponse.json({ id: 'x', message: 'invalid api token' }, { status: 401 })),
    );
    const response = await post('/v1/chat/completions', { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('COHERE_API_KEY');
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
