/**
 * Bad input on the Ollama surfaces: every refusal (validation, routing, auth, body size, upstream
 * failures, a stream that breaks) comes back in Ollama's shape, `{"error":"..."}`, with its
 * documented status, on each mount; no secret (the key in the path included) reaches a response
 * or a log line.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { vErrorResponse } from '../../generated/ollama/valibot.gen';
import { handle } from '../../src/app';
import { dispatchEmbed } from '../../src/dispatch/dispatch';
import { buildConfig } from '../../src/core/config';
import { definitions } from '../../src/providers/definitions';
import type { Family } from '../../src/core/provider';
import type { RequestContext } from '../../src/core/request-context';
import { readNdjson } from '../helpers/ollama-wire';
import { PROXY_KEY, secretsOf, testEnv } from '../helpers/test-env';

const env = Object.freeze({ ...testEnv });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const OPENAI_CHAT = 'https://api.openai.com/v1/chat/completions';
const hello = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: false };

function call(
  path: string,
  init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {},
  useEnv: Record<string, string> = env,
) {
  const headers = { 'content-type': 'application/json', ...init.headers };
  return handle(
    new Request(`http://proxy.test${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body,
    }),
    useEnv,
  );
}
const withKey = { authorization: `Bearer ${PROXY_KEY}` };
const post = (path: string, body: unknown, headers: Record<string, string> = withKey, useEnv?: Record<string, string>) =>
  call(path, { body: typeof body === 'string' ? body : JSON.stringify(body), headers }, useEnv);

async function expectOllamaError(response: Response, status: number, message?: RegExp): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  for (const secret of secretsOf(testEnv)) expect(text).not.toContain(secret);
  const body = JSON.parse(text) as { error: string };
  expect(v.safeParse(vErrorResponse, body).issues).toBeUndefined();
  expect(Object.keys(body)).toEqual(['error']);
  if (message) expect(body.error).toMatch(message);
  return body.error;
}

describe('request validation', () => {
  it('refuses invalid JSON, an empty body and a non-object body', async () => {
    await expectOllamaError(await post('/api/chat', '{"model": "gpt-4o-mini", '), 400, /not valid JSON/);
    await expectOllamaError(await post('/api/chat', ''), 400, /empty/);
    await expectOllamaError(await post('/api/generate', '[1,2]'), 400, /JSON object/);
  });

  it('names the field that is missing or has the wrong type', async () => {
    await expectOllamaError(await post('/api/chat', { messages: hello.messages }), 400, /`model`.*missing/);
    await expectOllamaError(await post('/api/chat', { ...hello, stream: 'yes' }), 400, /`stream`/);
    await expectOllamaError(await post('/api/chat', { ...hello, messages: 'hi' }), 400, /`messages`/);
    await expectOllamaError(
      await post('/api/chat', { ...hello, messages: [{ role: 'robot', content: 'x' }] }),
      400,
      /`messages\[0\]\.role`/,
    );
    await expectOllamaError(await post('/api/chat', { ...hello, options: { temperature: 'hot' } }), 400, /`options\.temperature`/);
    await expectOllamaError(await post('/api/chat', { ...hello, think: 'very' }), 400, /`think`/);
    await expectOllamaError(await post('/api/generate', { model: 'gpt-4o-mini', prompt: 42 }), 400, /`prompt`/);
    await expectOllamaError(await post('/api/embed', { model: 'text-embedding-3-small' }), 400, /`input`.*missing/);
    await expectOllamaError(await post('/api/show', {}), 400, /`model`.*missing/);
  });

  it('refuses images where Ollama messages cannot carry them', async () => {
    await expectOllamaError(
      await post('/api/chat', { ...hello, messages: [{ role: 'system', content: 'x', images: ['iVBORw0KGgo='] }] }),
      400,
      /messages\[0\]\.images/,
    );
  });

  it('refuses an image that is neither base64 nor a data URL', async () => {
    const withImage = (image: string) => ({ ...hello, messages: [{ role: 'user', content: 'x', images: [image] }] });
    await expectOllamaError(await post('/api/chat', withImage('!!!not-base64')), 400, /not valid base64/);
    await expectOllamaError(await post('/api/chat', withImage('data:image/png')), 400, /neither base64 data nor a data URL/);
  });

  it('refuses a suffix the way Ollama does for a model without insert', async () => {
    await expectOllamaError(
      await post('/api/generate', { model: 'gpt-4o-mini', prompt: 'def f(', suffix: '\n  return 1' }),
      400,
      /does not support insert/,
    );
  });
});

describe('routing', () => {
  for (const [path, body] of [
    ['/api/chat', { ...hello, model: 'no-such-model' }],
    ['/api/generate', { model: 'no-such-model', prompt: 'hi' }],
    ['/api/show', { model: 'no-such-model' }],
    ['/api/embed', { model: 'no-such-model', input: 'hi' }],
    ['/api/embeddings', { model: 'no-such-model', prompt: 'hi' }],
  ] as const) {
    it(`answers an unknown model on ${path} with 404`, async () => {
      await expectOllamaError(await post(path, body), 404, /no-such-model/);
    });
  }

  it('answers an unknown route with 404 in the shape of its mount, without the key in the message', async () => {
    await expectOllamaError(await call('/api/pull', { body: '{}', headers: withKey }), 404, /No route for POST \/api\/pull/);
    const underKey = await expectOllamaError(await call(`/ollama/${PROXY_KEY}/api/nothing`), 404);
    expect(underKey).toBe('No route for GET /api/nothing.');
    const openai = await call(`/ollama/${PROXY_KEY}/v1/nothing`);
    expect(openai.status).toBe(404);
    const text = await openai.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'route_not_found' } });
    expect(text).not.toContain(PROXY_KEY);
  });
});

describe('authentication on each mount', () => {
  it('refuses /api/* without a key or with a wrong one', async () => {
    await expectOllamaError(await call('/api/tags'), 401, /Missing API key/);
    await expectOllamaError(await call('/api/tags', { headers: { authorization: 'Bearer nope' } }), 401, /Invalid API key/);
    expect((await call('/api/tags', { headers: { 'x-api-key': PROXY_KEY } })).status).toBe(200);
  });

  for (const prefix of ['/ollama/{KEY}/api', '/ollama/{KEY}/v1/api']) {
    it(`lets the key in the path decide on ${prefix}/*, whatever the headers say`, async () => {
      const at = (key: string) => prefix.replace('{KEY}', key);
      await expectOllamaError(await call(`${at('nope')}/tags`, { headers: withKey }), 401, /Invalid API key/);
      await expectOllamaError(await call(`${at('')}/tags`, { headers: withKey }), 401, /Missing API key/);
      // GitHub Copilot sends an empty bearer token.
      expect((await call(`${at(PROXY_KEY)}/tags`, { headers: { authorization: 'Bearer ' } })).status).toBe(200);
      expect((await call(`${at(encodeURIComponent(PROXY_KEY))}/tags`, { headers: { authorization: 'Bearer nope' } })).status).toBe(200);
    });
  }

  it('answers the OpenAI routes under /ollama/{KEY}/v1 in the OpenAI shape', async () => {
    const response = await call('/ollama/nope/v1/models', { headers: withKey });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { type: 'authentication_error', code: 'invalid_api_key' } });
    expect((await call(`/ollama/${PROXY_KEY}/v1/models`, { headers: { authorization: 'Bearer ' } })).status).toBe(200);
  });

  it('refuses every Ollama request, saying how to set a key, when API_KEY is unset', async () => {
    const noKey = { ...testEnv, API_KEY: '' };
    await expectOllamaError(await call('/api/version', {}, noKey), 401, /Set API_KEY/);
    await expectOllamaError(await call('/ollama/anything/api/version', {}, noKey), 401, /Set API_KEY/);
  });

  it('serves the health check without a key, under the path key too', async () => {
    for (const path of ['/', '/ollama/whatever', `/ollama/${PROXY_KEY}/`]) {
      const response = await call(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('Ollama is running');
    }
  });
});

describe('body size', () => {
  it('refuses an oversized body with 413 in the Ollama shape', async () => {
    const small = { ...testEnv, MAX_BODY_BYTES: '100' };
    const body = { ...hello, messages: [{ role: 'user', content: 'x'.repeat(500) }] };
    await expectOllamaError(await post('/api/chat', body, withKey, small), 413, /MAX_BODY_BYTES/);
    await expectOllamaError(
      await post(`/ollama/${PROXY_KEY}/api/generate`, { model: 'gpt-4o-mini', prompt: 'x'.repeat(500) }, {}, small),
      413,
    );
  });
});

describe('upstream failures', () => {
  it('passes a rate limit on as 429 with Retry-After', async () => {
    server.use(
      http.post(OPENAI_CHAT, () =>
        HttpResponse.json({ error: { message: 'Slow down' } }, { status: 429, headers: { 'retry-after': '7' } }),
      ),
    );
    const response = await post('/api/chat', hello);
    expect(response.headers.get('retry-after')).toBe('7');
    await expectOllamaError(response, 429, /Slow down/);
  });

  it('turns a rejected provider key into 502 naming the variable, without echoing it', async () => {
    server.use(
      http.post(OPENAI_CHAT, () =>
        HttpResponse.json({ error: { message: 'Incorrect API key provided: test-openai-key.' } }, { status: 401 }),
      ),
    );
    await expectOllamaError(await post('/api/generate', { model: 'gpt-4o-mini', prompt: 'hi', stream: false }), 502, /OPENAI_API_KEY/);
  });

  it('ends a stream that breaks mid-way with one error line and no done line', async () => {
    const broken = `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { role: 'assistant', content: 'Once' }, finish_reason: null }] })}\n\n`;
    server.use(http.post(OPENAI_CHAT, () => new HttpResponse(broken, { headers: { 'content-type': 'text/event-stream' } })));
    const response = await post('/api/chat', { ...hello, stream: true });
    expect(response.status).toBe(200);
    const lines = await readNdjson(response);
    expect(lines).toEqual([
      expect.objectContaining({ message: { role: 'assistant', content: 'Once' }, done: false }),
      { error: 'OpenAI stream failed: the connection closed before the response finished' },
    ]);
  });

  it('logs a failure under /ollama/{KEY} without the key', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    server.use(http.post(OPENAI_CHAT, () => HttpResponse.json({ error: { message: 'boom' } }, { status: 500 })));
    await expectOllamaError(await post(`/ollama/${PROXY_KEY}/api/chat`, hello, {}), 500, /boom/);
    expect(logged).toHaveBeenCalledOnce();
    const line = String(logged.mock.calls[0]![0]);
    expect(line).toContain('POST /ollama/{API_KEY}/api/chat');
    expect(line).not.toContain(PROXY_KEY);
  });
});

describe('embeddings', () => {
  it('refuses a provider whose family has no embeddings with a 400 naming it', async () => {
    const openai = definitions.find((d) => d.id === 'openai')!;
    const { embed: _none, ...chatOnly } = openai.family as Family;
    const config = buildConfig(env, [{ ...openai, name: 'Chat Only', family: chatOnly }]);
    const ctx: RequestContext = {
      request: new Request('http://proxy.test/api/embed'),
      config,
      record: { dialect: 'ollama', route: '/api/embed' },
      log: () => undefined,
    };
    await expect(dispatchEmbed(ctx, 'gpt-4o-mini', { model: 'gpt-4o-mini', input: 'hi' })).rejects.toMatchObject({
      status: 400,
      code: 'embeddings_unsupported',
      message: expect.stringMatching(/^Chat Only has no embeddings API/),
    });
  });
});

describe('hardening (issue 10)', () => {
  it('refuses a model name that would leave its URL segment before any upstream call', async () => {
    const seen: string[] = [];
    server.use(http.all('*', ({ request }) => (seen.push(request.url), HttpResponse.json({}))));
    for (const model of ['gemini-/../../../../probe-escape', 'gemini-2.5-flash:generateContent?probe=1#']) {
      await expectOllamaError(await post('/api/chat', { ...hello, model }), 400, /model/);
    }
    expect(seen).toEqual([]);
  });

  it('answers a broken upstream reply with 502 naming the provider, whole or streamed', async () => {
    server.use(http.post(OPENAI_CHAT, () => new HttpResponse('<html>oops</html>', { headers: { 'content-type': 'text/html' } })));
    await expectOllamaError(await post('/api/chat', hello), 502, /OpenAI sent a reply the proxy could not use/);
    await expectOllamaError(await post('/api/chat', { ...hello, stream: true }), 502, /OpenAI sent a reply the proxy could not use/);
    const gemini = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent';
    const first = '{"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]},"index":0}]}';
    server.use(
      http.post(
        gemini,
        () => new HttpResponse(`data: ${first}\n\ndata: {"candidates":{}}\n\n`, { headers: { 'content-type': 'text/event-stream' } }),
      ),
    );
    const lines = await readNdjson(await post('/api/chat', { ...hello, model: 'gemini-2.5-flash', stream: true }));
    expect(lines.at(-1)).toEqual({ error: expect.stringMatching(/Google AI Studio \(Gemini\) sent a reply the proxy could not use/) });
  });

  it('accepts a tool result that answers no call, as a real Ollama server does, and sends it as text', async () => {
    const bodies: unknown[] = [];
    const reply = {
      id: 'm',
      type: 'message',
      role: 'assistant',
      model: 'claude',
      content: [{ type: 'text', text: 'ok' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 1, output_tokens: 1 },
    };
    server.use(
      http.post(OPENAI_CHAT, async ({ request }) => (bodies.push(await request.json()), HttpResponse.json(openaiReply))),
      http.post(
        'https://api.anthropic.com/v1/messages',
        async ({ request }) => (bodies.push(await request.json()), HttpResponse.json(reply)),
      ),
    );
    const messages = [
      { role: 'user', content: 'What time is it?' },
      { role: 'tool', tool_name: 'get_time', content: '14:00' },
    ];
    expect((await post('/api/chat', { ...hello, messages })).status).toBe(200);
    expect((await post('/api/chat', { ...hello, model: 'claude-sonnet-4-5', messages })).status).toBe(200);
    expect(bodies[0]).toMatchObject({ messages: [messages[0], { role: 'user', content: 'Result of the tool get_time:\n14:00' }] });
    expect(bodies[1]).toMatchObject({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What time is it?' },
            { type: 'text', text: 'Result of the tool get_time:\n14:00' },
          ],
        },
      ],
    });
  });
});

const openaiReply = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
};
