/**
 * The `openai` npm client against a running proxy, in front of a loopback mock upstream. The
 * same suite runs on every runtime (client-suites.ts).
 */
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import type { MockUpstream } from '../helpers/mock-openai-upstream';
import { PROXY_KEY } from '../helpers/test-env';

export function openaiClientSuite(setup: () => { proxyUrl: string; upstream: MockUpstream }): void {
  const client = () => new OpenAI({ baseURL: `${setup().proxyUrl}/v1`, apiKey: PROXY_KEY, maxRetries: 0 });

  it('chats without streaming', async () => {
    const completion = await client().chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] });
    expect(completion.choices[0]?.message.content).toBe('echo: "ping"');
    expect(completion.usage?.total_tokens).toBe(7);
    const sent = setup().upstream.requests.at(-1)!;
    expect(sent.url).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer test-openai-key');
  });

  it('streams with usage', async () => {
    const stream = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const part of stream) {
      text += part.choices[0]?.delta.content ?? '';
      finish = part.choices[0]?.finish_reason ?? finish;
      if (part.usage) usage = part.usage;
    }
    expect(text).toBe('Hello there');
    expect(finish).toBe('stop');
    expect(usage?.total_tokens).toBe(7);
  });

  it('calls tools, streamed and not', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'weather?' }];
    const whole = await client().chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
    const call = whole.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.arguments).toBe('{"city":"Paris"}');
    const runner = client().chat.completions.stream({ model: 'gpt-4o-mini', messages, tools });
    const final = await runner.finalChatCompletion();
    const streamed = final.choices[0]?.message.tool_calls?.[0];
    expect(streamed?.id).toBe('call_e2e');
    expect(streamed?.type === 'function' && JSON.parse(streamed.function.arguments)).toEqual({ city: 'Paris' });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('sends images through', async () => {
    await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }],
    });
    const sent = setup().upstream.requests.at(-1)!.body.messages as Array<{ content: unknown }>;
    expect(sent[0]?.content).toEqual([{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }]);
  });

  it('lists and retrieves models', async () => {
    const ids: string[] = [];
    for await (const model of client().models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4o-mini');
    const one = await client().models.retrieve('gpt-4o');
    expect(one).toMatchObject({ id: 'gpt-4o', object: 'model', owned_by: 'openai' });
  });

  it('surfaces proxy errors as APIError with status and code', async () => {
    const error = await client()
      .chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('model_not_found');
    const unauthorized = await new OpenAI({ baseURL: `${setup().proxyUrl}/v1`, apiKey: 'wrong', maxRetries: 0 }).models
      .list()
      .catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('answers 502 naming the variable when the upstream rejects the provider key, without echoing it', async () => {
    const error = (await client()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'reject-key' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(502);
    expect(error.code).toBe('upstream_auth_failed');
    expect(error.message).toMatch(/OPENAI_API_KEY/);
    expect(error.message).not.toMatch(/test-openai-key/);
  });

  it('closes the upstream connection when the client disconnects mid-stream', async () => {
    const abort = new AbortController();
    const response = await fetch(`${setup().proxyUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'slow' }] }),
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();
    await expect(
      Promise.race([setup().upstream.slowStreamClosed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 5000))]),
    ).resolves.toBe('closed');
  });
}
