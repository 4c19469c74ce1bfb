/**
 * The `ollama` npm client against a running proxy, with the key in the path (as IDEs configure
 * it) and in a header, in front of a loopback mock OpenAI upstream. The same suite runs on every
 * runtime (client-suites.ts).
 */
import { Ollama } from 'ollama';
import { expect, it } from 'vitest';
import { OLLAMA_VERSION } from '../../src/dialects/ollama/version';
import type { MockUpstream } from '../helpers/mock-openai-upstream';
import { readSseData } from '../helpers/read-sse';
import { PROXY_KEY } from '../helpers/test-env';

// The smallest PNG: the proxy must send it as image/png, read from its bytes.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

const isIso = (value: unknown) => typeof value === 'string' && new Date(value).toISOString() === value;

export function ollamaClientSuite(setup: () => { proxyUrl: string; upstream: MockUpstream }): void {
  const keyed = (key = PROXY_KEY) => new Ollama({ host: `${setup().proxyUrl}/ollama/${key}` });
  const headed = () => new Ollama({ host: setup().proxyUrl, headers: { Authorization: `Bearer ${PROXY_KEY}` } });
  const sent = () => setup().upstream.requests.at(-1)!;

  it('reports a version of at least 0.6.4, on GET and HEAD', async () => {
    expect(await keyed().version()).toEqual({ version: OLLAMA_VERSION });
    const [major, minor, patch] = OLLAMA_VERSION.split('.').map(Number);
    expect(major! * 1e6 + minor! * 1e3 + patch!).toBeGreaterThanOrEqual(6004);
    const head = await fetch(`${setup().proxyUrl}/ollama/${PROXY_KEY}/api/version`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('lists every model with Ollama details, and the same models as loaded', async () => {
    const { models } = await headed().list();
    const mini = models.find((m) => m.name === 'gpt-4o-mini')!;
    expect(mini).toMatchObject({ model: 'gpt-4o-mini', size: 0, details: { family: 'gpt', families: ['gpt'] } });
    expect(mini.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(isIso(mini.modified_at)).toBe(true);
    const running = await keyed().ps();
    expect(running.models.map((m) => m.name)).toEqual(models.map((m) => m.name));
    expect(running.models.find((m) => m.name === 'gpt-4o-mini')).toMatchObject({ size_vram: 0, context_length: 128000 });
  });

  it('shows capabilities and the context window where clients look for them', async () => {
    const mini = await keyed().show({ model: 'gpt-4o-mini' });
    expect(mini.capabilities).toEqual(['completion', 'tools', 'vision']);
    expect(mini.model_info).toEqual({ 'general.architecture': 'gpt', 'general.basename': 'gpt-4o-mini', 'gpt.context_length': 128000 });
    expect((await keyed().show({ model: 'gpt-5' })).capabilities).toEqual(['completion', 'tools', 'vision', 'thinking']);
    expect((await keyed().show({ model: 'text-embedding-3-small' })).capabilities).toEqual(['embedding']);
    await expect(keyed().show({ model: 'no-such-model' })).rejects.toMatchObject({ name: 'ResponseError', status_code: 404 });
  });

  it('chats without streaming', async () => {
    const reply = await keyed().chat({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'ping' }],
      options: { temperature: 0.1, num_ctx: 4096 },
    });
    expect(reply).toMatchObject({
      model: 'gpt-4o-mini',
      message: { role: 'assistant', content: 'echo: "ping"' },
      done: true,
      done_reason: 'stop',
    });
    expect(reply).toMatchObject({ prompt_eval_count: 5, eval_count: 2 });
    expect(isIso(reply.created_at)).toBe(true);
    expect(Number.isInteger(reply.total_duration)).toBe(true);
    expect(sent().url).toBe('/v1/chat/completions');
    expect(sent().headers.authorization).toBe('Bearer test-openai-key');
    expect(sent().body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.1 });
    expect(sent().body).not.toHaveProperty('num_ctx');
  });

  it('chats streamed, ending with the done line and token counts', async () => {
    const parts = [];
    for await (const part of await headed().chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true }))
      parts.push(part);
    expect(parts.map((p) => p.message.content).join('')).toBe('Hello there');
    expect(parts.slice(0, -1).every((p) => !p.done)).toBe(true);
    expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 5, eval_count: 2 });
    expect(sent().body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('generates, streamed and not', async () => {
    const whole = await keyed().generate({ model: 'gpt-4o-mini', system: 'Be brief.', prompt: 'Why is the sky blue?' });
    expect(whole).toMatchObject({ response: 'echo: "Why is the sky blue?"', done: true, done_reason: 'stop', eval_count: 2 });
    expect(sent().body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Why is the sky blue?' },
    ]);
    let text = '';
    for await (const part of await keyed().generate({ model: 'gpt-4o-mini', prompt: 'hi', stream: true })) text += part.response;
    expect(text).toBe('Hello there');
  });

  it('calls tools, streamed and not, and sends the result back paired with its call', async () => {
    const messages = [{ role: 'user', content: 'Weather in Paris?' }];
    const whole = await keyed().chat({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    expect(whole.message.tool_calls).toEqual([{ function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } }]);
    expect(whole.done_reason).toBe('stop');
    const calls = [];
    for await (const part of await keyed().chat({ model: 'gpt-4o-mini', messages, tools: [weatherTool], stream: true })) {
      calls.push(...(part.message.tool_calls ?? []));
    }
    expect(calls).toEqual(whole.message.tool_calls);

    await keyed().chat({
      model: 'gpt-4o-mini',
      messages: [...messages, whole.message, { role: 'tool', tool_name: 'get_weather', content: '{"temp_c":18}' }],
    });
    const [, assistant, tool] = sent().body.messages as Array<Record<string, any>>;
    expect(assistant!.tool_calls[0]).toMatchObject({ type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
    expect(tool).toEqual({ role: 'tool', tool_call_id: assistant!.tool_calls[0].id, content: '{"temp_c":18}' });
  });

  it('sends images as data URLs typed from their bytes', async () => {
    await keyed().chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is this?', images: [PNG] }] });
    expect(sent().body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          { type: 'text', text: 'What is this?' },
        ],
      },
    ]);
  });

  it('thinks when asked, with the thinking apart from the answer', async () => {
    const whole = await keyed().chat({ model: 'gpt-5', messages: [{ role: 'user', content: 'hm' }], think: true });
    expect(sent().body.reasoning_effort).toBe('medium');
    expect(whole.message).toMatchObject({ thinking: 'Thinking it over.', content: 'echo: "hm"' });
    let thinking = '';
    for await (const part of await keyed().chat({
      model: 'gpt-5',
      messages: [{ role: 'user', content: 'hm' }],
      think: 'high',
      stream: true,
    })) {
      thinking += part.message.thinking ?? '';
    }
    expect(sent().body.reasoning_effort).toBe('high');
    expect(thinking).toBe('Thinking it over.');
  });

  it('asks for JSON or a schema with format', async () => {
    await keyed().chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], format: 'json' });
    expect(sent().body.response_format).toEqual({ type: 'json_object' });
    const schema = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] };
    await keyed().generate({ model: 'gpt-4o-mini', prompt: 'x', format: schema });
    expect(sent().body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'response', schema } });
  });

  it('embeds, one vector per input in input order, and in the older single form', async () => {
    const many = await keyed().embed({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    expect(many).toMatchObject({
      model: 'text-embedding-3-small',
      embeddings: [
        [0, 0.5, -0.5],
        [1, 0.5, -0.5],
      ],
      prompt_eval_count: 3,
    });
    expect(sent()).toMatchObject({ url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: ['a', 'b'] } });
    expect(await headed().embeddings({ model: 'text-embedding-3-small', prompt: 'a' })).toEqual({ embedding: [0, 0.5, -0.5] });
  });

  it('surfaces errors as ResponseError with the status', async () => {
    await expect(keyed().chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status_code: 404,
    });
    await expect(keyed('wrong-key').list()).rejects.toMatchObject({ status_code: 401, error: expect.stringMatching(/Invalid API key/) });
  });

  it('passes an upstream failure on as 502 naming the variable, streamed or not, without the key', async () => {
    const messages = [{ role: 'user', content: 'reject-key' }];
    for (const stream of [false, true] as const) {
      const error = (await keyed()
        .chat({ model: 'gpt-4o-mini', messages, stream: stream as false })
        .catch((e: unknown) => e)) as { status_code: number; error: string };
      expect(error).toMatchObject({ status_code: 502, error: expect.stringMatching(/OPENAI_API_KEY/) });
      expect(error.error).not.toMatch(/test-openai-key/);
    }
  });

  it('serves the OpenAI API under the key path, as Copilot chats through it with an empty bearer', async () => {
    const response = await fetch(`${setup().proxyUrl}/ollama/${PROXY_KEY}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer ', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await readSseData(response)) as Array<Record<string, any>>;
    expect(events.map((e) => e.choices?.[0]?.delta?.content ?? '').join('')).toBe('Hello there');
    expect(events.at(-1)).toBe('[DONE]');
  });

  it('closes the upstream connection when the client aborts a stream', async () => {
    const before = setup().upstream.closedSlowStreams;
    const client = keyed();
    const stream = await client.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'slow' }], stream: true });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    stream.abort();
    await iterator.next().catch(() => undefined);
    const deadline = Date.now() + 5000;
    while (setup().upstream.closedSlowStreams === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(setup().upstream.closedSlowStreams).toBe(before + 1);
  });
}
