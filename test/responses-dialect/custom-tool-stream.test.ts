/**
 * A freeform custom tool's input streams: each upstream arguments delta gives the
 * `response.custom_tool_call_input.delta` of the text it completes, and the deltas add up to
 * `.done` and to the item's `input`. The upstream stream is DeepSeek's chat streaming format
 * (OpenAI's `chat.completion.chunk` with `tool_calls[].function.arguments` pieces).
 * @see https://api-docs.deepseek.com/api/create-chat-completion
 * @see https://platform.openai.com/docs/api-reference/responses-streaming/response/custom_tool_call_input/delta
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { readResponsesEvents } from '../helpers/responses-fixture';
import { postResponses } from '../helpers/post-responses';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const PATCH = '*** Begin Patch\n*** Add File: a.txt\n+"hi" ✓\n*** End Patch';
/** The arguments as the vendor streams them, cut inside the key, inside an escape and inside the text. */
const PIECES = ['{"inp', 'ut": "*** Begin Patch\\', 'n*** Add File: a.txt\\n+\\"hi\\" \\u27', '13\\n*** End Patch"}'];

const chunk = (delta: object, finish_reason: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'deepseek-chat', choices: [{ index: 0, delta, finish_reason }] })}\n\n`;

it('each arguments delta upstream is one custom_tool_call_input.delta of the text it completes', async () => {
  expect(JSON.parse(PIECES.join('')).input).toBe(PATCH);
  const stream = [
    chunk({
      role: 'assistant',
      content: null,
      tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'apply_patch', arguments: '' } }],
    }),
    ...PIECES.map((piece) => chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] })),
    chunk({}, 'tool_calls'),
    'data: [DONE]\n\n',
  ].join('');
  server.use(
    http.post(
      'https://api.deepseek.com/chat/completions',
      () => new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } }),
    ),
  );
  const response = await postResponses({
    model: 'deepseek-chat',
    input: 'Add a.txt',
    stream: true,
    tools: [{ type: 'custom', name: 'apply_patch', description: 'Edit files' }],
  });
  const events = await readResponsesEvents(response);
  const deltas = events.filter((e) => e.type === 'response.custom_tool_call_input.delta').map((e) => (e as { delta: string }).delta);
  expect(deltas).toEqual(['*** Begin Patch', '\n*** Add File: a.txt\n+"hi" ', '✓\n*** End Patch']);
  const done = events.find((e) => e.type === 'response.custom_tool_call_input.done') as { input: string } | undefined;
  expect(done?.input).toBe(PATCH);
  const item = events.find((e) => e.type === 'response.output_item.done') as { item: { type: string; input: string } } | undefined;
  expect(item?.item).toMatchObject({ type: 'custom_tool_call', input: PATCH });
});
