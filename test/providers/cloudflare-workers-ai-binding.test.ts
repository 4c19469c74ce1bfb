/**
 * Workers AI through the `AI` binding (a Worker with `[ai] binding = "AI"`): a fake binding that
 * answers in the native Workers AI shapes stands in for the real one, which only runs on Cloudflare.
 */
import { describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import { readSseData } from '../helpers/read-sse';
import { PROXY_KEY } from '../helpers/test-env';

interface Call {
  model: string;
  inputs: Record<string, unknown>;
}

function fakeBinding(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  return {
    calls,
    run: async (model: string, inputs: Record<string, unknown>) => {
      const call = { model, inputs };
      calls.push(call);
      const result = answer(call);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

const nativeStream = (events: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const e of events) controller.enqueue(new TextEncoder().encode(`data: ${e}\n\n`));
      controller.close();
    },
  });

const chat = (env: Record<string, unknown>, body: Record<string, unknown>) =>
  handle(
    new Request('http://proxy.test/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    env,
  );

const model = '@cf/meta/llama-3.1-8b-instruct';

const post = (env: Record<string, unknown>, path: string, body: Record<string, unknown>) =>
  handle(
    new Request(`http://proxy.test${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    env,
  );

/** The native answer of the bge text-embedding models: @see https://developers.cloudflare.com/workers-ai/models/bge-base-en-v1.5/ */
const bgeAnswer = ({ inputs }: Call) => {
  const texts = [inputs.text].flat() as string[];
  return { shape: [texts.length, 2], data: texts.map((t) => [t.length, 0.5]), pooling: 'mean' };
};

describe('Cloudflare Workers AI through the AI binding', () => {
  it('is configured by the binding alone and sends the request to AI.run', async () => {
    const AI = fakeBinding(() => ({ response: 'Hi there', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }));
    const response = await chat({ API_KEY: PROXY_KEY, AI }, { model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 20 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: Array<{ message: unknown; finish_reason: string }>; usage: unknown };
    expect(body.choices[0]).toEqual({ index: 0, message: { role: 'assistant', content: 'Hi there' }, finish_reason: 'stop' });
    expect(body.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
    expect(AI.calls).toEqual([{ model, inputs: { messages: [{ role: 'user', content: 'hi' }], max_tokens: 20 } }]);
  });

  it('turns native tool calls into OpenAI tool_calls with JSON-string arguments', async () => {
    const AI = fakeBinding(() => ({ response: null, tool_calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] }));
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }];
    const response = await chat({ API_KEY: PROXY_KEY, AI }, { model, messages: [{ role: 'user', content: 'weather' }], tools });
    const body = (await response.json()) as {
      choices: Array<{ message: { tool_calls: Array<{ function: unknown }> }; finish_reason: string }>;
    };
    expect(body.choices[0]?.finish_reason).toBe('tool_calls');
    expect(body.choices[0]?.message.tool_calls[0]?.function).toEqual({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(AI.calls[0]?.inputs.tools).toEqual(tools);
  });

  it('translates the native stream chunk by chunk, with usage when asked', async () => {
    const AI = fakeBinding(() =>
      nativeStream([
        '{"response":"Hel","p":"ab"}',
        '{"response":"lo"}',
        '{"response":"","usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}',
        '[DONE]',
      ]),
    );
    const response = await chat(
      { API_KEY: PROXY_KEY, AI },
      { model, messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } },
    );
    const events = (await readSseData(response)) as Array<{
      choices?: Array<{ delta: { content?: string }; finish_reason: string | null }>;
      usage?: unknown;
    }>;
    expect(events.at(-1)).toBe('[DONE]');
    const text = events
      .flatMap((e) => e.choices ?? [])
      .map((c) => c.delta.content ?? '')
      .join('');
    expect(text).toBe('Hello');
    expect(
      events
        .flatMap((e) => e.choices ?? [])
        .filter((c) => c.finish_reason)
        .map((c) => c.finish_reason),
    ).toEqual(['stop']);
    expect(events.find((e) => e.usage)?.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
    expect(AI.calls[0]?.inputs).toEqual({ messages: [{ role: 'user', content: 'hi' }], stream: true });
  });

  it('passes an answer already in OpenAI shape through', async () => {
    const native = {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
    };
    const response = await chat(
      { API_KEY: PROXY_KEY, AI: fakeBinding(() => native) },
      { model, messages: [{ role: 'user', content: 'hi' }] },
    );
    expect(await response.json()).toEqual(native);
  });

  it('answers a binding error in the OpenAI error shape', async () => {
    const AI = fakeBinding(() => new Error('5007: No such model @cf/nope'));
    const response = await chat({ API_KEY: PROXY_KEY, AI }, { model: '@cf/nope', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining('No such model'), code: 'upstream_rejected_request' },
    });
  });

  describe('embeddings', () => {
    const bge = '@cf/baai/bge-base-en-v1.5';

    it("sends the input as `text` to AI.run and answers OpenAI's list, in order", async () => {
      const AI = fakeBinding(bgeAnswer);
      const response = await post({ API_KEY: PROXY_KEY, AI }, '/v1/embeddings', { model: bge, input: ['abc', 'de'] });
      expect(response.status).toBe(200);
      expect(AI.calls).toEqual([{ model: bge, inputs: { text: ['abc', 'de'] } }]);
      expect(await response.json()).toEqual({
        object: 'list',
        model: bge,
        data: [
          { object: 'embedding', index: 0, embedding: [3, 0.5] },
          { object: 'embedding', index: 1, embedding: [2, 0.5] },
        ],
        usage: { prompt_tokens: 0, total_tokens: 0 },
      });
    });

    it('encodes base64 when asked', async () => {
      const AI = fakeBinding(bgeAnswer);
      const response = await post({ API_KEY: PROXY_KEY, AI }, '/v1/embeddings', { model: bge, input: 'abcd', encoding_format: 'base64' });
      const body = (await response.json()) as { data: Array<{ embedding: string }> };
      const bytes = Buffer.from(body.data[0]!.embedding, 'base64');
      expect([...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)]).toEqual([4, 0.5]);
      expect(AI.calls[0]?.inputs).toEqual({ text: 'abcd' });
    });

    it('serves Ollama /api/embed and /api/embeddings through the binding', async () => {
      const AI = fakeBinding(bgeAnswer);
      const env = { API_KEY: PROXY_KEY, AI };
      const embed = (await (await post(env, '/api/embed', { model: bge, input: ['a', 'bcd'] })).json()) as { embeddings: unknown };
      expect(embed.embeddings).toEqual([
        [1, 0.5],
        [3, 0.5],
      ]);
      const legacy = (await (await post(env, '/api/embeddings', { model: bge, prompt: 'xy' })).json()) as { embedding: unknown };
      expect(legacy.embedding).toEqual([2, 0.5]);
    });

    it('answers a native reply without vectors with a 502 naming Workers AI', async () => {
      const AI = fakeBinding(() => ({ shape: [1, 2] }));
      const response = await post({ API_KEY: PROXY_KEY, AI }, '/v1/embeddings', { model: bge, input: 'a' });
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/Cloudflare Workers AI sent a reply/);
    });
  });
});
