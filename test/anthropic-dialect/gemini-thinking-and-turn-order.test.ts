/**
 * Claude Code on Gemini, translated: a Gemini thought signature reaches the client inside a
 * thinking block's signature (in the proxy's own encoding) and goes back to Gemini on the
 * functionCall part it came with when Claude Code replays the turn; a Claude signature never goes
 * to Gemini; an assistant turn's texts and tool calls reach Gemini in the order the turn gave
 * them; thinking Claude did not sign never goes to Claude. Upstream bytes:
 * fixtures/gemini-thinking-replay-and-turn-order.json.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import { readServerSentEvents } from '../helpers/read-sse';
import { expectAnthropicGrammar, type SseEvent } from '../helpers/anthropic-wire';
import { PROXY_KEY, testEnv } from '../helpers/test-env';
import fixture from './fixtures/gemini-thinking-replay-and-turn-order.json';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => server.resetHandlers());

const GEMINI = `https://generativelanguage.googleapis.com/v1beta/models/${fixture.model}`;
const OURS = /^llm-api-proxy\.v1\./;

const post = (body: Record<string, unknown>) =>
  handle(
    new Request('http://proxy.test/v1/messages?beta=true', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': PROXY_KEY, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: fixture.model, max_tokens: 1024, ...body }),
    }),
    testEnv,
  );

/** Gemini's answers, in turn; the bodies it was sent. */
function gemini(...answers: Array<{ json: unknown } | { sse: string }>): Record<string, any>[] {
  const bodies: Record<string, any>[] = [];
  const answer = async ({ request }: { request: Request }) => {
    bodies.push((await request.json()) as Record<string, any>);
    const next = answers[bodies.length - 1]!;
    return 'sse' in next
      ? new HttpResponse(next.sse, { headers: { 'content-type': 'text/event-stream' } })
      : HttpResponse.json(next.json as never);
  };
  server.use(http.post(`${GEMINI}:generateContent`, answer), http.post(`${GEMINI}:streamGenerateContent`, answer));
  return bodies;
}

const ask = { role: 'user', content: 'List the files.' };
const bash = { name: 'Bash', description: 'Run a command', input_schema: { type: 'object', properties: { command: { type: 'string' } } } };
/** The ask, an assistant turn as Claude Code replays it, and the results of its tool calls. */
const toolLoop = (turn: unknown[], results: Record<string, string>) => [
  ask,
  { role: 'assistant', content: turn },
  { role: 'user', content: Object.entries(results).map(([id, content]) => ({ type: 'tool_result', tool_use_id: id, content })) },
];
const modelParts = (body: Record<string, any>) =>
  body.contents.filter((c: { role: string }) => c.role === 'model').map((c: { parts: unknown }) => c.parts);

describe('Gemini thought signatures through the Anthropic dialect', () => {
  it('come back in the thinking block before the tool_use, and go back on that functionCall part when the turn is replayed', async () => {
    const bodies = gemini({ json: fixture.generateContent }, { json: fixture.finalAnswer });
    const first = (await (await post({ messages: [ask], tools: [bash] })).json()) as { content: any[] };
    expect(first.content).toEqual([
      { type: 'thinking', thinking: 'The user wants the files listed; the Bash tool does that.', signature: expect.stringMatching(OURS) },
      { type: 'tool_use', id: expect.any(String), name: 'Bash', input: { command: 'ls' } },
    ]);
    const toolUse = first.content[1];

    // Claude Code replays the turn verbatim, with the tool's result.
    const replay = await post({
      messages: toolLoop(first.content, { [toolUse.id]: 'a.txt\nb.txt' }),
      tools: [bash],
    });
    expect(replay.status).toBe(200);
    expect(modelParts(bodies[1]!)).toEqual([
      [{ functionCall: { name: 'Bash', args: { command: 'ls' } }, thoughtSignature: fixture.thoughtSignature }],
    ]);
  });

  it('come back as signature_delta in a stream: the open thinking block, or one of their own just before the call', async () => {
    gemini({ sse: fixture.streamGenerateContent });
    const response = await post({ messages: [ask], tools: [bash], stream: true });
    const events: SseEvent[] = [];
    for await (const event of readServerSentEvents(response.body!)) events.push({ event: event.event, data: JSON.parse(event.data) });
    expectAnthropicGrammar(events);
    const starts = events.filter((e) => e.event === 'content_block_start').map((e) => (e.data as any).content_block.type);
    expect(starts).toEqual(['thinking', 'text', 'thinking', 'tool_use']);
    const signatures = events.filter((e) => (e.data as any).delta?.type === 'signature_delta');
    expect(signatures).toHaveLength(1);
    expect((signatures[0]!.data as any).index).toBe(2);
    expect((signatures[0]!.data as any).delta.signature).toMatch(OURS);
  });

  it('are never made of a Claude signature: a turn Claude signed reaches Gemini 3 with the documented skip value', async () => {
    const bodies = gemini({ json: fixture.finalAnswer });
    await post({
      messages: toolLoop(
        [
          { type: 'thinking', thinking: 'Bash lists files.', signature: fixture.claudeSignature },
          { type: 'tool_use', id: 'toolu_01', name: 'Bash', input: { command: 'ls' } },
        ],
        { toolu_01: 'a.txt' },
      ),
      tools: [bash],
    });
    expect(JSON.stringify(bodies[0])).not.toContain(fixture.claudeSignature);
    expect(modelParts(bodies[0]!)[0][0].thoughtSignature).toBe('skip_thought_signature_validator');
  });
});

describe('an assistant turn replayed to Gemini', () => {
  it('keeps its texts and tool calls in the order the turn gave them', async () => {
    const bodies = gemini({ json: fixture.finalAnswer });
    await post({
      messages: toolLoop(
        [
          { type: 'text', text: 'First the listing.' },
          { type: 'tool_use', id: 'toolu_a', name: 'Bash', input: { command: 'ls' } },
          { type: 'text', text: 'Then the size.' },
          { type: 'tool_use', id: 'toolu_b', name: 'Bash', input: { command: 'du -sh' } },
        ],
        { toolu_a: 'a.txt', toolu_b: '4.0K' },
      ),
      tools: [bash],
    });
    expect(modelParts(bodies[0]!)).toEqual([
      [
        { text: 'First the listing.' },
        { functionCall: { name: 'Bash', args: { command: 'ls' } }, thoughtSignature: 'skip_thought_signature_validator' },
        { text: 'Then the size.' },
        { functionCall: { name: 'Bash', args: { command: 'du -sh' } } },
      ],
    ]);
  });

  it('keeps them in order from the Responses dialect too, and sends no order to a Chat Completions vendor', async () => {
    const bodies = gemini({ json: fixture.finalAnswer });
    const deepseek: Record<string, any>[] = [];
    server.use(
      http.post('https://api.deepseek.com/chat/completions', async ({ request }) => {
        deepseek.push((await request.json()) as Record<string, any>);
        return HttpResponse.json({
          id: 'c1',
          object: 'chat.completion',
          created: 1,
          model: 'deepseek-chat',
          choices: [{ index: 0, message: { role: 'assistant', content: 'Done.' }, finish_reason: 'stop' }],
        });
      }),
    );
    // OpenAI Responses input items: a model turn as a message, a function_call, a message, a function_call
    // (platform.openai.com/docs/api-reference/responses/create#responses-create-input).
    const input = [
      { type: 'message', role: 'user', content: 'List the files.' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'First the listing.' }] },
      { type: 'function_call', call_id: 'call_a', name: 'Bash', arguments: '{"command":"ls"}' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Then the size.' }] },
      { type: 'function_call', call_id: 'call_b', name: 'Bash', arguments: '{"command":"du -sh"}' },
      { type: 'function_call_output', call_id: 'call_a', output: 'a.txt' },
      { type: 'function_call_output', call_id: 'call_b', output: '4.0K' },
    ];
    for (const model of [fixture.model, 'deepseek-chat']) {
      const response = await handle(
        new Request('http://proxy.test/v1/responses', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${PROXY_KEY}` },
          body: JSON.stringify({ model, input, tools: [{ type: 'function', name: 'Bash', parameters: bash.input_schema }] }),
        }),
        testEnv,
      );
      expect(response.status).toBe(200);
    }
    expect(modelParts(bodies[0]!)[0].map((part: Record<string, unknown>) => Object.keys(part)[0])).toEqual([
      'text',
      'functionCall',
      'text',
      'functionCall',
    ]);
    expect(JSON.stringify(deepseek[0])).not.toContain('content_order');
  });
});

describe('thinking Claude did not sign, replayed to Claude', () => {
  it('is left out of the pass-through (Anthropic refuses signatures it did not issue), with thinking off where the last tool turn then lacks it', async () => {
    const sent: Record<string, any>[] = [];
    server.use(
      http.post('https://api.anthropic.com/v1/messages', async ({ request }) => {
        sent.push((await request.json()) as Record<string, any>);
        return HttpResponse.json({
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [{ type: 'text', text: 'Two files.' }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 30, output_tokens: 3 },
        });
      }),
    );
    const geminiTurn = [
      { type: 'thinking', thinking: 'The user wants the files listed.', signature: '' },
      { type: 'text', text: 'Let me look.' },
      { type: 'thinking', thinking: '', signature: 'llm-api-proxy.v1.eyJzaWduYXR1cmVzIjp7InRvb2x1X2EiOiJDaVFCIn19' },
      { type: 'tool_use', id: 'toolu_a', name: 'Bash', input: { command: 'ls' } },
    ];
    const response = await post({
      model: 'claude-sonnet-4-5',
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: toolLoop(geminiTurn, { toolu_a: 'a.txt' }),
      tools: [bash],
    });
    expect(response.status).toBe(200);
    expect(sent[0]!.messages[1].content).toEqual([geminiTurn[1], geminiTurn[3]]);
    expect(sent[0]).not.toHaveProperty('thinking');
    expect(sent[0]!.tools).toEqual([bash]);

    // count_tokens counts what that call sends.
    server.use(
      http.post('https://api.anthropic.com/v1/messages/count_tokens', async ({ request }) => {
        sent.push((await request.json()) as Record<string, any>);
        return HttpResponse.json({ input_tokens: 30 });
      }),
    );
    const counted = await handle(
      new Request('http://proxy.test/v1/messages/count_tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': PROXY_KEY },
        body: JSON.stringify({ model: 'claude-sonnet-4-5', messages: toolLoop(geminiTurn, { toolu_a: 'a.txt' }) }),
      }),
      testEnv,
    );
    expect(counted.status).toBe(200);
    expect(sent[1]!.messages[1].content).toEqual([geminiTurn[1], geminiTurn[3]]);
  });
});
