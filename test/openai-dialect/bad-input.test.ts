/**
 * Bad input never crashes the proxy: each case gets the OpenAI error shape, its documented status
 * (DESIGN section 7) and a message that says what to fix; no secret appears in any response.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import { PROXY_KEY, secretsOf, testEnv } from '../helpers/test-env';

const env = Object.freeze({ ...testEnv });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const chat = (body: BodyInit | null, headers: Record<string, string> = {}, useEnv: Record<string, string> = env) =>
  handle(
    new Request('http://proxy.test/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json', ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit),
    useEnv,
  );

interface OpenAIError {
  error: { message: string; type: string; param: string | null; code: string | null };
}

async function expectError(response: Response, status: number, match: Partial<OpenAIError['error']>, message?: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const text = await response.text();
  for (const secret of secretsOf(testEnv)) expect(text).not.toContain(secret);
  const body = JSON.parse(text) as OpenAIError;
  expect(body.error).toMatchObject(match);
  if (message) expect(body.error.message).toMatch(message);
  return body;
}

const hello = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };

describe('request validation', () => {
  it('refuses invalid JSON with 400 invalid_json', async () => {
    await expectError(
      await chat('{"model": "gpt-4o-mini", '),
      400,
      { type: 'invalid_request_error', code: 'invalid_json' },
      /not valid JSON/,
    );
  });

  it('refuses an empty body and a non-object body', async () => {
    await expectError(await chat(''), 400, { type: 'invalid_request_error' }, /empty/);
    await expectError(await chat('[1,2]'), 400, { code: 'invalid_body' }, /JSON object/);
  });

  it('names a missing required field', async () => {
    await expectError(await chat(JSON.stringify({ messages: hello.messages })), 400, { param: 'model' }, /`model`.*missing/);
  });

  it('names the field with the wrong type', async () => {
    await expectError(await chat(JSON.stringify({ ...hello, temperature: 'hot' })), 400, { param: 'temperature' }, /number/);
    await expectError(await chat(JSON.stringify({ ...hello, messages: 'hi' })), 400, { param: 'messages' });
    await expectError(await chat(JSON.stringify({ ...hello, stream: 'yes' })), 400, { param: 'stream' });
  });

  it('points into nested messages and content parts', async () => {
    const badPart = { model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] };
    await expectError(await chat(JSON.stringify(badPart)), 400, { param: 'messages[0].content[0].image_url.url' });
    const badRole = { model: 'gpt-4o', messages: [{ role: 'robot', content: 'x' }] };
    await expectError(await chat(JSON.stringify(badRole)), 400, { param: 'messages[0].role' });
  });

  it('refuses out-of-range values', async () => {
    await expectError(await chat(JSON.stringify({ ...hello, temperature: 3 })), 400, { param: 'temperature' });
    await expectError(await chat(JSON.stringify({ ...hello, messages: [] })), 400, { param: 'messages' });
  });

  it('refuses an unsupported parameter for the provider with the provider named', async () => {
    const body = { model: 'groq/llama-3.3-70b-versatile', messages: hello.messages, n: 2 };
    await expectError(await chat(JSON.stringify(body)), 400, { param: 'n', code: 'unsupported_parameter' }, /Groq/);
  });
});

describe('routing failures', () => {
  it('answers an unknown model with 404 model_not_found', async () => {
    await expectError(await chat(JSON.stringify({ ...hello, model: 'no-such-model' })), 404, { code: 'model_not_found' }, /no-such-model/);
  });

  it('says which variable an unconfigured provider needs', async () => {
    const onlyOpenAI = { API_KEY: PROXY_KEY, OPENAI_API_KEY: 'test-openai-key' };
    const byPattern = await chat(JSON.stringify({ ...hello, model: 'deepseek-chat' }), {}, onlyOpenAI);
    await expectError(byPattern, 404, { code: 'model_not_found' }, /DeepSeek.*DEEPSEEK_API_KEY/);
    const byPrefix = await chat(JSON.stringify({ ...hello, model: 'groq/llama3-8b-8192' }), {}, onlyOpenAI);
    await expectError(byPrefix, 404, { code: 'model_not_found' }, /GROQ_API_KEY/);
  });
});

describe('authentication', () => {
  it('refuses a missing key with 401', async () => {
    await expectError(await chat(JSON.stringify(hello), { authorization: '' }), 401, { code: 'missing_api_key' });
  });

  it('refuses a wrong key with 401', async () => {
    await expectError(await chat(JSON.stringify(hello), { authorization: 'Bearer nope' }), 401, { code: 'invalid_api_key' });
  });

  it('accepts the key in x-api-key and api-key, and any key of a comma list', async () => {
    server.use(http.post('https://api.openai.com/v1/chat/completions', () => HttpResponse.json(completion)));
    expect((await chat(JSON.stringify(hello), { authorization: '', 'x-api-key': PROXY_KEY })).status).toBe(200);
    expect((await chat(JSON.stringify(hello), { authorization: '', 'api-key': PROXY_KEY })).status).toBe(200);
    const twoKeys = { ...testEnv, API_KEY: `first-key, ${PROXY_KEY}` };
    expect((await chat(JSON.stringify(hello), {}, twoKeys)).status).toBe(200);
  });

  it('refuses everything, saying how to set a key, when API_KEY is unset or empty', async () => {
    const noKey = { ...testEnv, API_KEY: '' };
    await expectError(await chat(JSON.stringify(hello), {}, noKey), 401, { code: 'proxy_key_not_configured' }, /Set API_KEY/);
  });

  it('serves the health check without a key', async () => {
    const response = await handle(new Request('http://proxy.test/'), env);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('Ollama is running');
  });
});

describe('body size', () => {
  it('refuses a declared oversized body with 413 before reading it', async () => {
    const small = { ...testEnv, MAX_BODY_BYTES: '100' };
    const body = JSON.stringify({ ...hello, messages: [{ role: 'user', content: 'x'.repeat(500) }] });
    await expectError(await chat(body, {}, small), 413, { code: 'request_too_large' }, /MAX_BODY_BYTES/);
  });

  it('refuses a streamed oversized body with no content-length', async () => {
    const small = { ...testEnv, MAX_BODY_BYTES: '1000' };
    const chunk = new TextEncoder().encode('x'.repeat(400));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    await expectError(await chat(body, {}, small), 413, { code: 'request_too_large' });
    expect(sent).toBeLessThan(10);
  });
});

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
};

describe('upstream failures', () => {
  it('turns a rejected provider key into 502 naming the variable, without echoing the key', async () => {
    server.use(
      http.post('https://api.openai.com/v1/chat/completions', () =>
        HttpResponse.json(
          { error: { message: 'Incorrect API key provided: test-openai-key.', type: 'invalid_request_error', code: 'invalid_api_key' } },
          { status: 401 },
        ),
      ),
    );
    await expectError(await chat(JSON.stringify(hello)), 502, { code: 'upstream_auth_failed' }, /OPENAI_API_KEY/);
  });

  it('redacts a provider key that an upstream echoes in another error', async () => {
    server.use(
      http.post('https://api.openai.com/v1/chat/completions', () =>
        HttpResponse.json({ error: { message: 'bad request from key test-openai-key' } }, { status: 400 }),
      ),
    );
    const body = await expectError(await chat(JSON.stringify(hello)), 400, { code: 'upstream_rejected_request' });
    expect(body.error.message).toContain('[redacted]');
  });

  it('maps 529 to 503 and keeps other 5xx', async () => {
    server.use(
      http.post('https://api.openai.com/v1/chat/completions', () =>
        HttpResponse.json({ error: { message: 'Overloaded' } }, { status: 529 }),
      ),
    );
    await expectError(await chat(JSON.stringify(hello)), 503, { type: 'upstream_error' }, /Overloaded/);
    server.use(http.post('https://api.openai.com/v1/chat/completions', () => new HttpResponse('bad gateway', { status: 502 })));
    await expectError(await chat(JSON.stringify(hello)), 502, { type: 'upstream_error' });
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    server.use(http.post('https://api.openai.com/v1/chat/completions', () => HttpResponse.error()));
    await expectError(await chat(JSON.stringify(hello)), 502, { code: 'upstream_unreachable' }, /api\.openai\.com/);
  });

  it('ends a stream that breaks mid-way with one error event and no [DONE]', async () => {
    const encoder = new TextEncoder();
    server.use(
      http.post(
        'https://api.openai.com/v1/chat/completions',
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                controller.enqueue(
                  encoder.encode(
                    'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\n',
                  ),
                );
                controller.close();
              },
            }),
            { headers: { 'content-type': 'text/event-stream' } },
          ),
      ),
    );
    const response = await chat(JSON.stringify({ ...hello, stream: true }));
    expect(response.status).toBe(200);
    const text = await response.text();
    const events = text.trim().split('\n\n');
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0]!.slice(6)).choices[0].delta).toEqual({ role: 'assistant', content: 'Hel' });
    expect(JSON.parse(events[1]!.slice(6))).toMatchObject({ error: { type: 'upstream_error', code: 'upstream_stream_error' } });
    expect(text).not.toContain('[DONE]');
  });
});

describe('routes and CORS', () => {
  it('answers an unknown route with 404 in the OpenAI shape', async () => {
    const response = await handle(new Request('http://proxy.test/v1/nope', { headers: { authorization: `Bearer ${PROXY_KEY}` } }), env);
    await expectError(response, 404, { code: 'route_not_found' });
  });

  it('sends no CORS headers unless CORS_ORIGIN is set', async () => {
    const preflight = new Request('http://proxy.test/v1/chat/completions', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example' },
    });
    const without = await handle(preflight, env);
    expect(without.headers.get('access-control-allow-origin')).toBeNull();
    const withCors = await handle(preflight.clone(), { ...testEnv, CORS_ORIGIN: 'https://app.example' });
    expect(withCors.status).toBe(204);
    expect(withCors.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(withCors.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await handle(new Request(preflight, { headers: { origin: 'https://evil.example' } }), {
      ...testEnv,
      CORS_ORIGIN: 'https://app.example',
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds CORS headers to errors too, so browsers can read them', async () => {
    const response = await handle(new Request('http://proxy.test/v1/models', { headers: { origin: 'https://x.example' } }), {
      ...testEnv,
      CORS_ORIGIN: '*',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
