/**
 * The Anthropic and Responses dialects write their text deltas (nearly every event of a stream)
 * without serializing the event object: for whatever text, at whatever position in the stream,
 * the SSE is exactly what serializing the event gives, and every other event is serialized.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatChunk, ChatChunkDelta } from '../../src/core/types';
import { AnthropicStreamState } from '../../src/dialects/anthropic/anthropic-stream-state';
import { anthropicEventSse } from '../../src/dialects/anthropic/encode-anthropic-sse';
import { convertResponsesRequest } from '../../src/dialects/openai-responses/convert-responses-request';
import { responsesEventSse } from '../../src/dialects/openai-responses/encode-responses-sse';
import { newResponseObject } from '../../src/dialects/openai-responses/new-response-object';
import { ResponsesStreamTranslator } from '../../src/dialects/openai-responses/responses-stream';
import type { ResponsesRequest } from '../../src/dialects/openai-responses/responses-types';

const serialized = (event: { type: string }) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
const chunk = (delta: ChatChunkDelta, finish: ChatChunk['choices'][number]['finish_reason'] = null): ChatChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: finish }],
});
/** Text and reasoning in turns (so text blocks get later indexes and items), with tool calls between. */
const deltas = fc.array(
  fc.oneof(
    fc.string({ unit: 'binary' }).map((content): ChatChunkDelta => ({ content: content || 'x' })),
    fc.constantFrom<ChatChunkDelta>(
      { content: 'a "quoted" \\ line\nbreak' },
      { content: '\u2028\u0000é😀' },
      { reasoning_content: 'thinking' },
      { tool_calls: [{ index: 0, id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }] },
    ),
  ),
  { minLength: 1, maxLength: 12 },
);

describe('text deltas written without serializing their event', () => {
  it('Anthropic: the same SSE as the serialized event, for every event of any stream', () => {
    fc.assert(
      fc.property(deltas, (list) => {
        const state = new AnthropicStreamState('id', 'm');
        const events = [...list.map((d) => chunk(d)), chunk({ content: 'last' }), chunk({}, 'stop')].flatMap((c) => state.push(c));
        events.push(...state.end());
        expect(events.some((e) => e.type === 'content_block_delta' && e.delta.type === 'text_delta')).toBe(true);
        for (const event of events) expect(anthropicEventSse(event)).toBe(serialized(event));
      }),
      { numRuns: 300 },
    );
  });

  it('Responses: the same SSE as the serialized event, for every event of any stream', () => {
    const body = { model: 'm', input: 'hi', stream: true } as ResponsesRequest;
    fc.assert(
      fc.property(deltas, (list) => {
        const translator = new ResponsesStreamTranslator(newResponseObject(body), convertResponsesRequest(body).index);
        const events = [
          ...translator.start(),
          ...[...list.map((d) => chunk(d)), chunk({ content: 'last' }), chunk({}, 'stop')].flatMap((c) => translator.push(c)),
        ];
        events.push(...translator.end());
        expect(events.some((e) => e.type === 'response.output_text.delta')).toBe(true);
        for (const event of events) expect(responsesEventSse(event)).toBe(serialized(event));
      }),
      { numRuns: 300 },
    );
  });
});
