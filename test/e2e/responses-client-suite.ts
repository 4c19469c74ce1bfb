/**
 * The Responses dialect from real clients against a running proxy: the `openai` package's
 * `responses.create` and `responses.stream`, and the AI SDK's default `openai(model)` provider
 * (which posts to `/v1/responses`). Runs against the Node entry and under workerd, in front of the
 * loopback chat mock (RESPONSES_NATIVE=off makes gpt-4o-mini a translated target; native
 * forwarding is checked byte for byte in test/responses-dialect/native-forwarding.test.ts).
 */
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import type { MockUpstream } from '../helpers/mock-openai-upstream';
import { PROXY_KEY } from '../helpers/test-env';

export function responsesClientSuite(setup: () => { proxyUrl: string; upstream: MockUpstream }): void {
  const client = () => new OpenAI({ baseURL: `${setup().proxyUrl}/v1`, apiKey: PROXY_KEY, maxRetries: 0 });
  const tools: OpenAI.Responses.Tool[] = [
    { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false },
    { type: 'web_search' },
  ];

  it('responses.create: text, instructions and usage', async () => {
    const response = await client().responses.create({ model: 'gpt-4o-mini', instructions: 'Be brief.', input: 'ping' });
    expect(response.output_text).toBe('echo: "ping"');
    expect(response.status).toBe('completed');
    expect(response.usage?.total_tokens).toBe(7);
    const sent = setup().upstream.requests.at(-1)!;
    expect(sent.url).toBe('/v1/chat/completions');
    expect(sent.body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'ping' },
    ]);
  });

  it('responses.stream: text deltas, reasoning summary, the final response', async () => {
    // A reasoning model: the OpenAI provider sends reasoning_effort only to those (gpt-4o would refuse it).
    const stream = client().responses.stream({ model: 'o4-mini', input: 'hi', reasoning: { effort: 'low' } });
    let text = '';
    let reasoning = '';
    stream.on('response.output_text.delta', (event) => (text += event.delta));
    stream.on('response.reasoning_summary_text.delta', (event) => (reasoning += event.delta));
    const final = await stream.finalResponse();
    expect(text).toBe('Hello there');
    expect(reasoning).toBe('Thinking it over.');
    expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(final.output[1]).toMatchObject({
      type: 'message',
      status: 'completed',
      content: [{ type: 'output_text', text: 'Hello there' }],
    });
  });

  it('function calls, streamed and not, hosted tools left out', async () => {
    const whole = await client().responses.create({ model: 'gpt-4o-mini', input: 'weather?', tools });
    const call = whole.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', call_id: 'call_e2e', name: 'get_weather', arguments: '{"city":"Paris"}' });
    const stream = client().responses.stream({ model: 'gpt-4o-mini', input: 'weather?', tools });
    let args = '';
    stream.on('response.function_call_arguments.delta', (event) => (args += event.delta));
    const final = await stream.finalResponse();
    expect(args).toBe('{"city":"Paris"}');
    expect(final.output.at(-1)).toMatchObject({ type: 'function_call', call_id: 'call_e2e', status: 'completed' });
    const sent = setup().upstream.requests.at(-1)!;
    expect((sent.body.tools as unknown[]).length).toBe(1);
  });

  it('a function_call_output round trip', async () => {
    const response = await client().responses.create({
      model: 'gpt-4o-mini',
      input: [
        { role: 'user', content: 'weather?' },
        { type: 'function_call', call_id: 'call_e2e', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_e2e', output: '18 C' },
      ],
    });
    expect(response.output_text).toBe('echo: "18 C"');
    expect(setup().upstream.requests.at(-1)!.body.messages).toEqual([
      { role: 'user', content: 'weather?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_e2e', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_e2e', content: '18 C' },
    ]);
  });

  it("the AI SDK's default openai(model) provider, text and a streamed tool call", async () => {
    const openai = createOpenAI({ baseURL: `${setup().proxyUrl}/v1`, apiKey: PROXY_KEY });
    const { text } = await generateText({ model: openai('gpt-4o-mini'), prompt: 'ping', maxRetries: 0 });
    expect(setup().upstream.requests.at(-1)!.url).toBe('/v1/chat/completions');
    // The AI SDK sends text as input_text parts; the mock echoes the canonical parts.
    expect(text).toBe('echo: [{"type":"text","text":"ping"}]');
    const result = streamText({
      model: openai('gpt-4o-mini'),
      prompt: 'weather?',
      maxRetries: 0,
      tools: {
        get_weather: tool({ inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } } }) }),
      },
    });
    const calls = await result.toolCalls;
    expect(calls.map((c) => ({ name: c.toolName, input: c.input }))).toEqual([{ name: 'get_weather', input: { city: 'Paris' } }]);
  });
}
