/**
 * Responses input items of one model turn become one assistant message; where a text stood among
 * the calls is kept in `content_order` (src/core/content-order.ts), in item order.
 */
import { expect, it } from 'vitest';
import { convertResponsesInput } from '../../src/dialects/openai-responses/convert-responses-input';

const call = (id: string) => ({ type: 'function_call' as const, call_id: id, name: 'f', arguments: '{}' });
const said = (text: string) => ({
  type: 'message' as const,
  role: 'assistant' as const,
  content: [{ type: 'output_text' as const, text }],
});

it("keeps a turn's texts and calls in item order", () => {
  const [, assistant] = convertResponsesInput(
    [{ role: 'user', content: 'go' }, said('first'), call('a'), said(' then'), call('b'), call('c'), said(' done')] as never,
    undefined,
  );
  expect(assistant).toMatchObject({ role: 'assistant', content: 'first then done' });
  expect((assistant as { content_order?: unknown }).content_order).toEqual([
    { type: 'text', text: 'first' },
    { type: 'tool_call', id: 'a' },
    { type: 'text', text: ' then' },
    { type: 'tool_call', id: 'b' },
    { type: 'tool_call', id: 'c' },
    { type: 'text', text: ' done' },
  ]);
});
