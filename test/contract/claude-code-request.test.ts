/**
 * A real request of Claude Code 2.1.197 (captured by scripts/claude-code-smoke.ts; provenance in
 * the fixture's `source`), replayed through the pass-through to Anthropic and translated to
 * DeepSeek and OpenAI. Upstream answers follow the vendors' wire formats
 * (docs.anthropic.com/en/docs/build-with-claude/streaming, api-docs.deepseek.com).
 */
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import * as v from 'valibot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { vCreateMessageParams } from '../../generated/anthropic/valibot.gen';
import { handle } from '../../src/app';
import { readServerSentEvents } from '../helpers/read-sse';
import { expectAnthropicGrammar, type SseEvent } from '../helpers/anthropic-wire';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const captured = JSON.parse(
  readFileSync(new URL('../anthropic-dialect/fixtures/claude-code-2.1.197-tool-result.json', import.meta.url), 'utf8'),
) as {
  path: string;
  headers: Record<string, string>;
  body: Record<string, any>;
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => server.resetHandlers());

const post = (env: Record<string, string> = {}) =>
  handle(
    new Request(`http://proxy.test${captured.path}`, {
      method: 'POST',
      headers: { ...captured.headers, 'x-api-key': PROXY_KEY },
      body: JSON.stringify(captured.body),
    }),
    { ...testEnv, ...env },
  );

async function readEvents(response: Response): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const event of readServerSentEvents(response.body!)) out.push({ event: event.event, data: JSON.parse(event.data) });
  return out;
}

const anthropicStream = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":21,"output_tokens":1}}}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"It printed ok."}}\n\n',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}\n\n',
  'event: message_stop\ndata: {"type":"message_stop"}\n\n',
].join('');

const chatStream = (model: string) =>
  [
    { choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    { choices: [{ index: 0, delta: { content: 'It printed ok.' }, finish_reason: null }] },
    { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    { choices: [], usage: { prompt_tokens: 21, completion_tokens: 5, total_tokens: 26 } },
  ]
    .map((chunk) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, ...chunk })}\n\n`)
    .join('') + 'data: [DONE]\n\n';

function capture(url: string, answer: string) {
  const seen: { body?: Record<string, any>; headers?: Headers } = {};
  server.use(
    http.post(url, async ({ request }) => {
      seen.body = (await request.json()) as Record<string, any>;
      seen.headers = request.headers;
      return new HttpResponse(answer, { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return seen;
}

describe('Claude Code 2.1.197, captured', () => {
  it('is a valid Messages request by our spec', () => {
    expect(v.safeParse(vCreateMessageParams, captured.body).issues).toBeUndefined();
    expect(captured.body.tools).toHaveLength(24);
  });

  it('passes to Anthropic unchanged, with its anthropic-beta, and its stream comes back byte for byte', async () => {
    const seen = capture('https://api.anthropic.com/v1/messages', anthropicStream);
    const response = await post();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(anthropicStream);
    expect(seen.body).toEqual(captured.body);
    expect(seen.headers!.get('anthropic-beta')).toBe(captured.headers['anthropic-beta']);
  });

  it('reaches DeepSeek translated: the tool round trip as tool_calls and a tool message, max_tokens within its limit, no cache_control', async () => {
    const seen = capture('https://api.deepseek.com/chat/completions', chatStream('deepseek-chat'));
    const response = await post({ MODEL_ALIASES: 'claude-sonnet-4-5=deepseek-chat' });
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    expectAnthropicGrammar(events);
    expect(events.find((e) => e.event === 'content_block_delta')?.data).toMatchObject({ delta: { text: 'It printed ok.' } });
    expect(events.find((e) => e.event === 'message_delta')?.data).toMatchObject({ usage: { input_tokens: 21, output_tokens: 5 } });

    const sent = seen.body!;
    expect(sent).toMatchObject({ model: 'deepseek-chat', stream: true, max_tokens: 8192 });
    expect(JSON.stringify(sent)).not.toContain('cache_control');
    expect(sent.tools).toHaveLength(24);
    const [system, ...rest] = sent.messages as Record<string, any>[];
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('You are a Claude agent');
    const toolUse = captured.body.messages[1].content[0];
    expect(rest.slice(-2)).toEqual([
      expect.objectContaining({
        role: 'assistant',
        tool_calls: [{ id: toolUse.id, type: 'function', function: { name: 'Bash', arguments: JSON.stringify(toolUse.input) } }],
      }),
      { role: 'tool', tool_call_id: toolUse.id, content: 'ok' },
    ]);
  });

  it('reaches gpt-4o-mini without the reasoning_effort it refuses, and within its output limit', async () => {
    const seen = capture('https://api.openai.com/v1/chat/completions', chatStream('gpt-4o-mini'));
    const response = await post({ MODEL_ALIASES: 'claude-sonnet-4-5=gpt-4o-mini' });
    expect(response.status).toBe(200);
    expectAnthropicGrammar(await readEvents(response));
    expect(seen.body).not.toHaveProperty('reasoning_effort');
    expect(seen.body).toMatchObject({ model: 'gpt-4o-mini', max_completion_tokens: 16384 });
  });
});
