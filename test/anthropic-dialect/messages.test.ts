/**
 * The Anthropic dialect beyond the fixture matrix: auth, refusals in Anthropic's shape, the
 * exact event sequence of a translated stream, a Claude Code-shaped request passed through
 * unchanged (and translated without its Anthropic-only parts), fallback from Claude to another
 * family, count_tokens, and aliases in the listings. Upstream shapes follow the vendors' docs
 * (docs.anthropic.com/en/api/messages, api-docs.deepseek.com).
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import { AnthropicStreamState } from '../../src/dialects/anthropic/anthropic-stream-state';
import type { ChatChunk } from '../../src/core/types';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => server.resetHandlers());

const env = (extra: Record<string, string> = {}) => ({ ...testEnv, ...extra });
const post = (path: string, body: unknown, headers: Record<string, string> = { 'x-api-key': PROXY_KEY }, e = env()) =>
  handle(
    new Request(`http://proxy.test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
    e,
  );

const hello = { model: 'deepseek-chat', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] };
const deepseekAnswer = {
  id: 'c1',
  object: 'chat.completion',
  created: 1,
  model: 'deepseek-chat',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, prompt_tokens_details: { cached_tokens: 3 } },
};

function captureDeepseek(answer: unknown = deepseekAnswer) {
  const bodies: Record<string, unknown>[] = [];
  server.use(
    http.post('https://api.deepseek.com/chat/completions', async ({ request }) => {
      bodies.push((await request.json()) as Record<string, unknown>);
      return HttpResponse.json(answer as never);
    }),
  );
  return bodies;
}

describe('auth and refusals', () => {
  it('takes the key as x-api-key or Bearer, answers HEAD /, refuses a wrong key as authentication_error', async () => {
    captureDeepseek();
    expect((await post('/v1/messages?beta=true', hello)).status).toBe(200);
    expect((await post('/v1/messages', hello, { authorization: `Bearer ${PROXY_KEY}` })).status).toBe(200);
    expect((await handle(new Request('http://proxy.test/', { method: 'HEAD' }), env())).status).toBe(200);
    const refused = await post('/v1/messages', hello, { 'x-api-key': 'wrong' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('names the invalid field, the unknown model and the server tool a target cannot run', async () => {
    const invalid = await post('/v1/messages', { model: 'deepseek-chat', messages: [] });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') },
    });
    const unknown = await post('/v1/messages', { ...hello, model: 'no-such-model' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { type: string } }).error.type).toBe('not_found_error');
    const server_tool = await post('/v1/messages', { ...hello, tools: [{ type: 'web_search_20250305', name: 'web_search' }] });
    expect(server_tool.status).toBe(400);
    expect(((await server_tool.json()) as { error: { message: string } }).error.message).toMatch(/web_search_20250305.*server tool/);
  });

  it('answers an overloaded upstream with 529 overloaded_error, a rate limit with 429 and retry-after', async () => {
    server.use(
      http.post('https://api.deepseek.com/chat/completions', () => HttpResponse.json({ error: { message: 'busy' } }, { status: 503 })),
    );
    const overloaded = await post('/v1/messages', hello);
    expect(overloaded.status).toBe(529);
    expect(((await overloaded.json()) as { error: { type: string } }).error.type).toBe('overloaded_error');
    server.use(
      http.post('https://api.deepseek.com/chat/completions', () =>
        HttpResponse.json({ error: { message: 'slow down' } }, { status: 429, headers: { 'retry-after': '7' } }),
      ),
    );
    const limited = await post('/v1/messages', hello);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(((await limited.json()) as { error: { type: string } }).error.type).toBe('rate_limit_error');
  });
});

describe('the stream state machine', () => {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage?: unknown): ChatChunk =>
    ({
      id: 'x',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...(usage ? { usage } : {}),
    }) as ChatChunk;

  it('emits thinking, text and two tool calls as blocks 0..3, each closed before the next, then one message_delta', () => {
    const state = new AnthropicStreamState('id1', 'deepseek-reasoner');
    const events = [
      chunk({ role: 'assistant', reasoning_content: 'Let me ' }),
      chunk({ reasoning_content: 'think.' }),
      chunk({ content: 'Sure.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'ls', arguments: '{"p":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"."}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'pwd', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      { ...chunk({}), choices: [], usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 } } as ChatChunk,
    ].flatMap((c) => state.push(c));
    events.push(...state.end());
    expect(events.map((e) => [e.type, (e as { index?: number }).index])).toEqual([
      ['message_start', undefined],
      ['content_block_start', 0],
      ['content_block_delta', 0],
      ['content_block_delta', 0],
      ['content_block_stop', 0],
      ['content_block_start', 1],
      ['content_block_delta', 1],
      ['content_block_stop', 1],
      ['content_block_start', 2],
      ['content_block_delta', 2],
      ['content_block_delta', 2],
      ['content_block_stop', 2],
      ['content_block_start', 3],
      ['content_block_delta', 3],
      ['content_block_stop', 3],
      ['message_delta', undefined],
      ['message_stop', undefined],
    ]);
    expect(events[1]).toMatchObject({ content_block: { type: 'thinking', thinking: '', signature: '' } });
    expect(events[8]).toMatchObject({ content_block: { type: 'tool_use', id: 'call_a', name: 'ls', input: {} } });
    expect(events[15]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 4, input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });

  it('puts a signature on its thinking block as signature_delta, and a redacted block whole', () => {
    const state = new AnthropicStreamState('id2', 'claude');
    const events = [
      chunk({ reasoning_content: 'hmm' }),
      chunk({ reasoning_details: [{ type: 'reasoning.text', signature: 'sig==' }] }),
      chunk({ reasoning_details: [{ type: 'reasoning.encrypted', data: 'opaque' }] }),
    ].flatMap((c) => state.push(c));
    expect(events.slice(1).map((e) => (e.type === 'content_block_delta' ? e.delta.type : e.type))).toEqual([
      'content_block_start',
      'thinking_delta',
      'signature_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_stop',
    ]);
  });
});

describe('a streamed answer on the wire', () => {
  it('names every event, never sends [DONE], and ends a failure with one event: error', async () => {
    const sse =
      'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"deepseek-chat","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}\n\n' +
      'data: {"error":{"message":"upstream went away","type":"server_error"}}\n\n';
    server.use(
      http.post(
        'https://api.deepseek.com/chat/completions',
        () => new HttpResponse(sse, { headers: { 'content-type': 'text/event-stream' } }),
      ),
    );
    const response = await post('/v1/messages', { ...hello, stream: true });
    const text = await response.text();
    expect(text).not.toContain('[DONE]');
    const names = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(names).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'error']);
    expect(text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"api_error","message":"DeepSeek stream failed/);
  });
});

/** Shaped like what Claude Code 2.1.x sends (issue 11): cache_control, adaptive thinking, effort, context_management, a system message. */
const claudeCodeLike = {
  model: 'claude-sonnet-4-5',
  max_tokens: 32000,
  stream: false,
  system: [
    { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude.", cache_control: { type: 'ephemeral' } },
    { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } },
  ],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'list files', cache_control: { type: 'ephemeral' } }] },
    { role: 'system', content: 'Reminder: stay on task.' },
  ],
  tools: [
    {
      name: 'Bash',
      description: 'Run a command',
      input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
      cache_control: { type: 'ephemeral', ttl: '1h' },
    },
  ],
  thinking: { type: 'adaptive' },
  output_config: { effort: 'high' },
  context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
  metadata: { user_id: 'user_abc_account__session_1' },
  temperature: 1,
  top_k: 40,
  some_future_field: { kept: true },
};

describe('Claude Code-shaped requests', () => {
  it('pass to Anthropic unchanged, with anthropic-beta, and the answer comes back as sent', async () => {
    const seen: { body?: unknown; beta?: string | null } = {};
    const answer = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'ok' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 1, cache_read_input_tokens: 9 },
    };
    server.use(
      http.post('https://api.anthropic.com/v1/messages', async ({ request }) => {
        seen.body = await request.json();
        seen.beta = request.headers.get('anthropic-beta');
        return HttpResponse.json(answer);
      }),
    );
    const response = await post('/v1/messages?beta=true', claudeCodeLike, {
      'x-api-key': PROXY_KEY,
      'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14',
    });
    expect(response.status).toBe(200);
    expect(seen.body).toEqual(claudeCodeLike);
    expect(seen.beta).toBe('claude-code-20250219,interleaved-thinking-2025-05-14');
    expect(await response.json()).toEqual(answer);
    expect(response.headers.get('x-proxy-provider')).toBe('anthropic');
  });

  it("go to Anthropic as the client's own text where routing changes nothing, and serialized again where it renames the model", async () => {
    const sent: string[] = [];
    server.use(
      http.post('https://api.anthropic.com/v1/messages', async ({ request }) => {
        sent.push(await request.text());
        return HttpResponse.json({
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'm',
          content: [],
          stop_reason: 'end_turn',
          usage: {},
        });
      }),
    );
    // formatted as no serializer of the proxy's would write it
    const text = JSON.stringify(claudeCodeLike, null, 1);
    const request = (model?: string) =>
      new Request('http://proxy.test/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': PROXY_KEY },
        body: model ? text.replace('"claude-sonnet-4-5"', `"${model}"`) : text,
      });
    expect((await handle(request(), env())).status).toBe(200);
    expect(sent[0]).toBe(text);
    expect((await handle(request('fast'), env({ MODEL_ALIASES: 'fast=claude-sonnet-4-5' }))).status).toBe(200);
    expect(JSON.parse(sent[1]!)).toEqual(claudeCodeLike);
    expect(sent[1]).toBe(JSON.stringify(claudeCodeLike));
  });

  it('reach DeepSeek through an alias translated: no cache_control, effort as reasoning_effort, the system message kept', async () => {
    const bodies = captureDeepseek();
    const response = await post('/v1/messages', claudeCodeLike, undefined, env({ MODEL_ALIASES: 'claude-sonnet-4-5=deepseek-chat' }));
    expect(response.status).toBe(200);
    const sent = bodies[0]!;
    expect(JSON.stringify(sent)).not.toContain('cache_control');
    expect(sent).toMatchObject({ model: 'deepseek-chat', reasoning_effort: 'high', top_k: 40, max_tokens: 8192 });
    expect(sent.messages).toEqual([
      { role: 'system', content: "You are Claude Code, Anthropic's official CLI for Claude.\n\nBe brief." },
      { role: 'user', content: [{ type: 'text', text: 'list files' }] },
      { role: 'system', content: 'Reminder: stay on task.' },
    ]);
    expect(await response.json()).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Hello!' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 2, cache_read_input_tokens: 3, output_tokens: 2 },
    });
  });

  it("keeps the cache_control of user and system blocks and of tool definitions for OpenRouter's Claude models only (not its GPT, not Gemini)", async () => {
    const bodies: Record<string, any>[] = [];
    server.use(
      http.post('https://openrouter.ai/api/v1/chat/completions', async ({ request }) => {
        bodies.push((await request.json()) as Record<string, any>);
        return HttpResponse.json(deepseekAnswer);
      }),
    );
    for (const target of ['openrouter/anthropic/claude-sonnet-4.5', 'openrouter/openai/gpt-4o-mini']) {
      const response = await post('/v1/messages', claudeCodeLike, undefined, env({ MODEL_ALIASES: `claude-sonnet-4-5=${target}` }));
      expect(response.status).toBe(200);
    }
    const [claude, gpt] = bodies;
    // Regression: system blocks were joined into one string, their marks lost; tool marks were dropped.
    // OpenRouter takes both (its OpenAPI spec: ChatContentText.cache_control, ChatFunctionTool.cache_control).
    expect(claude!.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude.", cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(claude!.messages[1]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'list files', cache_control: { type: 'ephemeral' } }],
    });
    expect(claude!.tools[0]).toMatchObject({
      type: 'function',
      function: { name: 'Bash' },
      cache_control: { type: 'ephemeral', ttl: '1h' },
    });
    expect(JSON.stringify(gpt)).not.toContain('cache_control');
    expect(gpt!.messages[0]).toEqual({ role: 'system', content: "You are Claude Code, Anthropic's official CLI for Claude.\n\nBe brief." });

    const gemini: unknown[] = [];
    server.use(
      http.post('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent', async ({ request }) => {
        gemini.push(await request.json());
        return HttpResponse.json({
          candidates: [{ content: { role: 'model', parts: [{ text: 'Hello!' }] }, finishReason: 'STOP' }],
          usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 },
        });
      }),
    );
    const response = await post('/v1/messages', claudeCodeLike, undefined, env({ MODEL_ALIASES: 'claude-sonnet-4-5=gemini-2.5-flash' }));
    expect(response.status).toBe(200);
    expect(gemini).toHaveLength(1);
    expect(JSON.stringify(gemini[0])).not.toContain('cache_control');
    expect((gemini[0] as { systemInstruction: unknown }).systemInstruction).toEqual({
      parts: [{ text: "You are Claude Code, Anthropic's official CLI for Claude.\n\nBe brief." }, { text: 'Reminder: stay on task.' }],
    });
  });

  it('replays a tool result with is_error and an image to DeepSeek as a tool message and a user image', async () => {
    const bodies = captureDeepseek();
    await post('/v1/messages', {
      ...hello,
      messages: [
        { role: 'user', content: 'run it' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'ok', signature: 'sig' },
            { type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'ls' } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 't1',
              is_error: true,
              content: [
                { type: 'text', text: 'boom' },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
              ],
            },
          ],
        },
      ],
    });
    const messages = bodies[0]!.messages as Array<Record<string, unknown>>;
    expect(messages[1]).toMatchObject({
      role: 'assistant',
      reasoning_content: 'ok',
      tool_calls: [{ id: 't1', function: { name: 'Bash', arguments: '{"command":"ls"}' } }],
    });
    expect(messages[2]).toMatchObject({ role: 'tool', tool_call_id: 't1', content: 'boom' });
    expect(messages[3]).toEqual({ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] });
  });

  it('falls back from an overloaded Claude to DeepSeek, translated', async () => {
    server.use(
      http.post('https://api.anthropic.com/v1/messages', () =>
        HttpResponse.json({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, { status: 529 }),
      ),
    );
    captureDeepseek();
    const response = await post(
      '/v1/messages',
      { ...hello, model: 'claude-sonnet-4-5' },
      undefined,
      env({ MODEL_FALLBACKS: 'claude-sonnet-4-5>deepseek-chat' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-proxy-provider')).toBe('deepseek');
    expect(await response.json()).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'Hello!' }] });
  });
});

describe('count_tokens', () => {
  it('is forwarded to Anthropic and to Vertex, and estimated elsewhere without an upstream call', async () => {
    const urls: string[] = [];
    const bodies: unknown[] = [];
    server.use(
      http.post('https://api.anthropic.com/v1/messages/count_tokens', async ({ request }) => {
        urls.push(request.url);
        bodies.push(await request.json());
        return HttpResponse.json({ input_tokens: 12 });
      }),
      http.post('https://oauth2.googleapis.com/token', () =>
        HttpResponse.json({ access_token: 't', expires_in: 3599, token_type: 'Bearer' }),
      ),
      http.post('https://us-east5-aiplatform.googleapis.com/*', async ({ request }) => {
        urls.push(request.url);
        bodies.push(await request.json());
        return HttpResponse.json({ input_tokens: 13 });
      }),
    );
    const ask = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello there' }] };
    expect(await (await post('/v1/messages/count_tokens?beta=true', ask)).json()).toEqual({ input_tokens: 12 });
    expect(bodies[0]).toEqual(ask);
    const vertex = await post('/v1/messages/count_tokens', { ...ask, model: 'claude-sonnet-4-5@20250929' });
    expect(await vertex.json()).toEqual({ input_tokens: 13 });
    expect(urls[1]).toBe(
      'https://us-east5-aiplatform.googleapis.com/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict',
    );
    expect(bodies[1]).toEqual({ anthropic_version: 'vertex-2023-10-16', ...ask, model: 'claude-sonnet-4-5@20250929' });
    const estimated = await post('/v1/messages/count_tokens', { ...ask, model: 'deepseek-chat' });
    expect(estimated.headers.get('x-proxy-token-count')).toBe('estimate');
    expect(((await estimated.json()) as { input_tokens: number }).input_tokens).toBeGreaterThan(0);
    expect(urls).toHaveLength(2);
  });

  it("is Gemini's own countTokens for Gemini, on AI Studio and on Vertex AI, retried like any call", async () => {
    const calls: { url: string; body: Record<string, any> }[] = [];
    const statuses = [503];
    const count = async ({ request }: { request: Request }) => {
      calls.push({ url: request.url, body: (await request.json()) as Record<string, any> });
      const status = statuses.shift();
      return status
        ? HttpResponse.json({ error: { code: status, message: 'busy', status: 'UNAVAILABLE' } }, { status })
        : HttpResponse.json({ totalTokens: 42 });
    };
    server.use(
      http.post('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:countTokens', count),
      http.post('https://oauth2.googleapis.com/token', () =>
        HttpResponse.json({ access_token: 't', expires_in: 3599, token_type: 'Bearer' }),
      ),
      http.post('https://us-east5-aiplatform.googleapis.com/*', count),
    );
    const ask = {
      model: 'gemini-2.5-flash',
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Hello there' }],
      tools: [
        { name: 'Bash', description: 'Run a command', input_schema: { type: 'object', properties: { command: { type: 'string' } } } },
      ],
    };
    const studio = await post(
      '/v1/messages/count_tokens?beta=true',
      ask,
      undefined,
      env({ UPSTREAM_RETRIES: '1', UPSTREAM_RETRY_BASE_MS: '1' }),
    );
    expect(await studio.json()).toEqual({ input_tokens: 42 });
    expect(studio.headers.get('x-proxy-attempts')).toBe('2');
    expect(studio.headers.get('x-proxy-token-count')).toBeNull();
    expect(calls[1]!.body).toEqual({
      generateContentRequest: {
        model: 'models/gemini-2.5-flash',
        contents: [{ role: 'user', parts: [{ text: 'Hello there' }] }],
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        tools: [{ functionDeclarations: [expect.objectContaining({ name: 'Bash' })] }],
      },
    });
    const vertex = await post('/v1/messages/count_tokens', { ...ask, model: 'vertex-gemini/gemini-2.5-flash' });
    expect(await vertex.json()).toEqual({ input_tokens: 42 });
    expect(calls[2]!.url).toBe(
      'https://us-east5-aiplatform.googleapis.com/v1/projects/test-project/locations/us-east5/publishers/google/models/gemini-2.5-flash:countTokens',
    );
    expect(calls[2]!.body).toEqual({ ...calls[1]!.body.generateContentRequest, model: undefined });
  });
});

describe('aliases in the listings', () => {
  it('lists MODEL_ALIASES names in /v1/models and /api/tags, and retrieves one', async () => {
    const e = env({ MODEL_ALIASES: 'claude-haiku-4-5=deepseek-chat,nothing=no-such-model' });
    const get = (path: string) => handle(new Request(`http://proxy.test${path}`, { headers: { authorization: `Bearer ${PROXY_KEY}` } }), e);
    const models = (await (await get('/v1/models')).json()) as { data: Array<{ id: string; owned_by: string }> };
    expect(models.data).toContainEqual(expect.objectContaining({ id: 'claude-haiku-4-5', owned_by: 'deepseek' }));
    expect(models.data.map((m) => m.id)).not.toContain('nothing');
    const tags = (await (await get('/api/tags')).json()) as { models: Array<{ name: string }> };
    expect(tags.models.map((m) => m.name)).toContain('claude-haiku-4-5');
    expect((await get('/v1/models/claude-haiku-4-5')).status).toBe(200);
  });
});
