/**
 * Bad input never crashes the proxy: each case gets the OpenAI error shape, its documented status
 * (DESIGN section 7) and a message that says what to fix; no secret appears in any response.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handle } from '../../src/app';
import { PROXY_KEY, secretsOf, testEnv } from '../helpers/test-env';

const env = Object.freeze({ ...testEnv });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
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
    await expectError(
      await chat(JSON.stringify(badRole)),
      400,
      { param: 'messages[0].role' },
      /`robot` is not one of developer, system, user, assistant, tool, function/,
    );
    const badType = { model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'video', video: {} }] }] };
    await expectError(
      await chat(JSON.stringify(badType)),
      400,
      { param: 'messages[0].content[0].type' },
      /`video` is not one of text, image_url, input_audio, file/,
    );
    const noRole = { model: 'gpt-4o', messages: [{ content: 'x' }] };
    await expectError(await chat(JSON.stringify(noRole)), 400, { param: 'messages[0].role' }, /missing/);
    // inside the branch the role names, not the first branch tried
    const badTool = { model: 'gpt-4o', messages: [{ role: 'tool', content: 'x' }] };
    await expectError(await chat(JSON.stringify(badTool)), 400, { param: 'messages[0].tool_call_id' }, /missing/);
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

describe('hardening (issue 10)', () => {
  const CLAUDE = 'https://api.anthropic.com/v1/messages';
  const GEMINI = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent';
  const VERTEX_TOKEN = 'ya29.a0-live-vertex-token-0123456789';
  const tokenEndpoint = () =>
    http.post('https://oauth2.googleapis.com/token', () =>
      HttpResponse.json({ access_token: VERTEX_TOKEN, expires_in: 3599, token_type: 'Bearer' }),
    );
  const ask = (model: string, extra: Record<string, unknown> = {}) => chat(JSON.stringify({ ...hello, model, ...extra }));

  it('never sends a model name that would leave its URL segment, and encodes the rest as one segment', async () => {
    const seen: string[] = [];
    server.use(
      tokenEndpoint(),
      http.all('*', ({ request }) => {
        seen.push(request.url);
        return HttpResponse.json({ candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP', index: 0 }] });
      }),
    );
    for (const model of [
      'gemini-/../../../../probe-escape',
      'gemini-2.5-flash:generateContent?probe=1#',
      'claude-x@/../../../../probe-escape',
      'gemini-\u0001x',
    ]) {
      await expectError(await ask(model), 400, { param: 'model', code: 'invalid_model_name' });
    }
    expect(seen).toEqual([]);
    expect((await ask('gemini-x/y:streamGenerateContent')).status).toBe(200);
    expect(seen).toEqual(['https://generativelanguage.googleapis.com/v1beta/models/gemini-x%2Fy%3AstreamGenerateContent:generateContent']);
  });

  it('redacts the Vertex access token it obtained, in 4xx and 5xx replies, mid-stream and in the log', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const echo = { error: { code: 400, message: `Bad header: Authorization: Bearer ${VERTEX_TOKEN}`, status: 'INVALID_ARGUMENT' } };
    const rawPredict =
      'https://us-east5-aiplatform.googleapis.com/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514';
    server.use(
      tokenEndpoint(),
      http.post(`${rawPredict}:rawPredict`, () => HttpResponse.json(echo, { status: 400 })),
    );
    const model = 'claude-sonnet-4@20250514';
    const rejected = await expectError(await ask(model), 400, {});
    expect(rejected.error.message).toContain('[redacted]');
    server.use(
      http.post(`${rawPredict}:rawPredict`, () => HttpResponse.json({ ...echo, error: { ...echo.error, code: 500 } }, { status: 500 })),
    );
    const failed = await ask(model);
    expect(await failed.text()).not.toContain(VERTEX_TOKEN);
    server.use(
      http.post(
        `${rawPredict}:streamRawPredict`,
        () =>
          new HttpResponse(
            `event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"claude-sonnet-4","content":[],"usage":{"input_tokens":1,"output_tokens":1}}}\n\nevent: error\ndata: {"type":"error","error":{"type":"api_error","message":"token ${VERTEX_TOKEN} expired"}}\n\n`,
            { headers: { 'content-type': 'text/event-stream' } },
          ),
      ),
    );
    const streamed = await ask(model, { stream: true });
    const text = await streamed.text();
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(VERTEX_TOKEN);
    expect(logged).toHaveBeenCalled();
    for (const [line] of logged.mock.calls) expect(String(line)).not.toContain(VERTEX_TOKEN);
  });

  it('redacts a key before cutting a long message, so no part of it is left at the cut', async () => {
    const message = `${'x'.repeat(1990)} test-openai-key and more`;
    server.use(http.post('https://api.openai.com/v1/chat/completions', () => HttpResponse.json({ error: { message } }, { status: 400 })));
    const response = await chat(JSON.stringify(hello));
    const text = await response.text();
    expect(text).not.toContain('test-open');
    expect(JSON.parse(text).error.message).toContain('[redact');
  });

  describe.each([
    ['OpenAI', 'gpt-4o-mini', 'https://api.openai.com/v1/chat/completions', { object: 'chat.completion' }],
    ['Anthropic', 'claude-sonnet-4-5', CLAUDE, { type: 'message', usage: { input_tokens: 1, output_tokens: 1 } }],
    ['Google AI Studio', 'gemini-2.5-flash', GEMINI, { modelVersion: 'gemini-2.5-flash' }],
  ])('a broken reply from %s', (name, model, url, withoutAnswer) => {
    const broken: Array<[string, () => Response]> = [
      ['truncated JSON', () => new Response('{"id":"x","choices":[{"mess', { headers: { 'content-type': 'application/json' } })],
      ['HTML with status 200', () => new Response('<html><body>Welcome</body></html>', { headers: { 'content-type': 'text/html' } })],
      ['an empty 200', () => new Response('', { status: 200 })],
      ['JSON without the answer', () => Response.json(withoutAnswer)],
    ];
    it.each(broken)('is a 502 upstream_invalid_response naming the provider: %s', async (_case, reply) => {
      server.use(http.post(url, () => reply()));
      await expectError(await ask(model), 502, { type: 'upstream_error', code: 'upstream_invalid_response' }, new RegExp(name));
    });

    it('is a 502 before the stream starts when it streams HTML, and an error event when an event is garbage', async () => {
      const streamUrl = url.replace(':generateContent', ':streamGenerateContent');
      server.use(http.post(streamUrl, () => new Response('<html>Welcome</html>', { headers: { 'content-type': 'text/html' } })));
      await expectError(await ask(model, { stream: true }), 502, { code: 'upstream_invalid_response' }, new RegExp(name));
      server.use(http.post(streamUrl, () => new Response('data: {"no json\n\n', { headers: { 'content-type': 'text/event-stream' } })));
      await expectError(await ask(model, { stream: true }), 502, { code: 'upstream_invalid_response' });
    });
  });

  it('refuses a reply over UPSTREAM_MAX_BODY_BYTES with a 502, and reads at most 64 KiB of an error body', async () => {
    const small = { ...testEnv, UPSTREAM_MAX_BODY_BYTES: '1000' };
    server.use(http.post('https://api.openai.com/v1/chat/completions', () => HttpResponse.json({ ...completion, pad: 'x'.repeat(5000) })));
    await expectError(
      await chat(JSON.stringify(hello), {}, small),
      502,
      { code: 'upstream_response_too_large' },
      /UPSTREAM_MAX_BODY_BYTES/,
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const huge = JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'y'.repeat(5 * 1024 * 1024) } });
    server.use(http.post(CLAUDE, () => new HttpResponse(huge, { status: 500, headers: { 'content-type': 'application/json' } })));
    const body = await expectError(await ask('claude-sonnet-4-5'), 500, { type: 'upstream_error' });
    expect(body.error.message.length).toBeLessThan(2200);
    expect(String(logged.mock.calls[0]?.[0]).length).toBeLessThan(4300);
  });

  it("answers Google's bare 'API key not valid' with 502 naming GOOGLE_GEN_AI_API_KEY", async () => {
    const reply = { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } };
    server.use(http.post(GEMINI, () => HttpResponse.json(reply, { status: 400 })));
    await expectError(await ask('gemini-2.5-flash'), 502, { code: 'upstream_auth_failed' }, /GOOGLE_GEN_AI_API_KEY/);
  });

  it('refuses JSON nested past the documented depth with a 400 naming the field', async () => {
    const deep = `${'{"properties":{"a":'.repeat(5000)}{}${'}}'.repeat(5000)}`;
    const tools = `[{"type":"function","function":{"name":"f","parameters":${deep}}}]`;
    const body = `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"tools":${tools}}`;
    await expectError(await chat(body), 400, { param: 'tools[0].function.parameters', code: 'too_deeply_nested' }, /64 levels/);
    const schema = `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${deep}}}}`;
    await expectError(await chat(schema), 400, { code: 'too_deeply_nested' }, /response_format\.json_schema\.schema/);
    const embeddings = await handle(
      new Request('http://proxy.test/v1/embeddings', {
        method: 'POST',
        headers: { authorization: `Bearer ${PROXY_KEY}` },
        body: `{"model":"text-embedding-3-small","input":"x","unknown":${deep}}`,
      }),
      env,
    );
    await expectError(embeddings, 400, { param: 'unknown.properties.a.properties' });
  });

  it('answers bad percent-encoding in a path with 400, and caps the echo of a huge model name', async () => {
    const response = await handle(
      new Request('http://proxy.test/v1/models/%E0%A4%A', { headers: { authorization: `Bearer ${PROXY_KEY}` } }),
      env,
    );
    await expectError(response, 400, { code: 'invalid_path' }, /percent-encoding/);
    const huge = await expectError(await ask(`no-such-${'m'.repeat(1_000_000)}`), 404, { code: 'model_not_found' });
    expect(huge.error.message.length).toBeLessThan(600);
  });

  it('refuses n, logprobs and audio for Anthropic and Gemini where they cannot honour them', async () => {
    for (const [field, value] of [
      ['n', 2],
      ['logprobs', true],
      ['audio', { voice: 'alloy', format: 'mp3' }],
    ] as const) {
      await expectError(
        await ask('claude-sonnet-4-5', { [field]: value }),
        400,
        { param: field, code: 'unsupported_parameter' },
        /Anthropic/,
      );
    }
    for (const [field, value] of [
      ['logprobs', true],
      ['audio', { voice: 'alloy', format: 'mp3' }],
    ] as const) {
      await expectError(await ask('gemini-2.5-flash', { [field]: value }), 400, { param: field, code: 'unsupported_parameter' }, /Gemini/);
    }
  });

  it('accepts only a whole proxy key, never a prefix of it', async () => {
    await expectError(await chat(JSON.stringify(hello), { authorization: `Bearer ${PROXY_KEY.slice(0, -1)}` }), 401, {
      code: 'invalid_api_key',
    });
    await expectError(await chat(JSON.stringify(hello), { authorization: `Bearer ${PROXY_KEY}x` }), 401, { code: 'invalid_api_key' });
  });
});
