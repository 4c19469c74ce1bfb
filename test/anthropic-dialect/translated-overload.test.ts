/**
 * An overloaded upstream on the translated path reaches an Anthropic client as the pass-through
 * answers it: 529 `overloaded_error` when nothing has been sent yet (after the retries), and an
 * `event: error` of type `overloaded_error` once the answer began. Other in-stream failures stay
 * `api_error`. Upstream bytes: test/anthropic-dialect/fixtures/translated-overload-reached-client-as-api-error.json.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import { PROXY_KEY, testEnv } from '../helpers/test-env';
import fixture from './fixtures/translated-overload-reached-client-as-api-error.json';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => server.resetHandlers());

const post = (model: string, env: Record<string, string> = {}) =>
  handle(
    new Request('http://proxy.test/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': PROXY_KEY },
      body: JSON.stringify({ model, max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    }),
    { ...testEnv, ...env },
  );

function replay(url: string, sse: string): { calls: number } {
  const seen = { calls: 0 };
  server.use(
    http.post(url, () => {
      seen.calls += 1;
      return new HttpResponse(sse, { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return seen;
}

const errorEvent = (text: string): unknown => {
  const at = text.indexOf('event: error\ndata: ');
  expect(at).toBeGreaterThanOrEqual(0);
  return JSON.parse(text.slice(at + 'event: error\ndata: '.length).split('\n')[0]!);
};

describe('an overloaded upstream on the translated path', () => {
  it('is a 529 overloaded_error once the retries are used up, before anything was sent (Gemini 503 UNAVAILABLE)', async () => {
    const seen = replay(fixture.gemini.url, fixture.gemini.overloadedFirst);
    const response = await post('gemini-2.5-flash', { UPSTREAM_RETRIES: '1', UPSTREAM_RETRY_BASE_MS: '1' });
    expect(seen.calls).toBe(2);
    expect(response.status).toBe(529);
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: expect.stringContaining('The model is overloaded') },
    });
  });

  it('ends a begun stream with event: error of type overloaded_error (Gemini)', async () => {
    replay(fixture.gemini.url, fixture.gemini.overloadedMidStream);
    const response = await post('gemini-2.5-flash');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"text":"Hel"');
    expect(errorEvent(text)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: expect.stringContaining('overloaded') },
    });
  });

  it('reads OpenRouter’s numeric in-stream code: 503 is overloaded_error, 502 stays api_error', async () => {
    replay(fixture.openrouter.url, fixture.openrouter.overloadedMidStream);
    const overloaded = await (await post('openrouter/google/gemini-2.5-flash')).text();
    expect(errorEvent(overloaded)).toMatchObject({ error: { type: 'overloaded_error' } });

    server.resetHandlers();
    replay(fixture.openrouter.url, fixture.openrouter.disconnectedMidStream);
    const disconnected = await (await post('openrouter/openai/gpt-4o-mini')).text();
    expect(errorEvent(disconnected)).toMatchObject({
      error: { type: 'api_error', message: expect.stringContaining('Provider disconnected') },
    });
  });
});
