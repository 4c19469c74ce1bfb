/**
 * The `@anthropic-ai/sdk` client against a running proxy, translated to the OpenAI-shaped mock
 * upstream. The same suite runs against the Node entry and under workerd (`wrangler dev`).
 */
import Anthropic from '@anthropic-ai/sdk';
import { expect, it } from 'vitest';
import type { MockUpstream } from '../helpers/mock-openai-upstream';
import { PROXY_KEY } from '../helpers/test-env';

export function anthropicClientSuite(setup: () => { proxyUrl: string; upstream: MockUpstream }): void {
  const client = () => new Anthropic({ baseURL: setup().proxyUrl, apiKey: PROXY_KEY, maxRetries: 0 });

  it('creates a message without streaming', async () => {
    const message = await client().messages.create({ model: 'gpt-4o-mini', max_tokens: 64, messages: [{ role: 'user', content: 'ping' }] });
    expect(message.content).toEqual([{ type: 'text', text: 'echo: "ping"' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(setup().upstream.requests.at(-1)!.url).toBe('/v1/chat/completions');
  });

  it('streams a message, the SDK assembling it from the events', async () => {
    const stream = client().messages.stream({ model: 'gpt-4o-mini', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    const final = await stream.finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: 'Hello there' }]);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBeGreaterThan(0);
  });

  it('calls a tool, streamed and not', async () => {
    const tools: Anthropic.Tool[] = [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }];
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'weather?' }];
    const whole = await client().messages.create({ model: 'gpt-4o-mini', max_tokens: 64, messages, tools });
    expect(whole.content).toContainEqual({ type: 'tool_use', id: 'call_e2e', name: 'get_weather', input: { city: 'Paris' } });
    expect(whole.stop_reason).toBe('tool_use');
    const final = await client().messages.stream({ model: 'gpt-4o-mini', max_tokens: 64, messages, tools }).finalMessage();
    expect(final.content).toContainEqual({ type: 'tool_use', id: 'call_e2e', name: 'get_weather', input: { city: 'Paris' } });
  });

  it('counts tokens (an estimate for a non-Claude model)', async () => {
    const count = await client().messages.countTokens({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello there' }] });
    expect(count.input_tokens).toBeGreaterThan(0);
  });

  it('gets refusals as the SDK error classes', async () => {
    const bad = new Anthropic({ baseURL: setup().proxyUrl, apiKey: 'wrong', maxRetries: 0 });
    await expect(
      bad.messages.create({ model: 'gpt-4o-mini', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    await expect(
      client().messages.create({ model: 'no-such-model', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  });
}
