/**
 * The Responses SSE encoder writes text deltas by hand: its bytes must be what `JSON.stringify`
 * gives for the same events, escapes and all, as every other event gets.
 */
import { expect, it } from 'vitest';
import { typedEventsSse } from '../../src/core/encode-chunk-stream';
import type { ChatChunk } from '../../src/core/types';
import { encodeResponsesSse } from '../../src/dialects/openai-responses/encode-responses-sse';
import { newResponseObject } from '../../src/dialects/openai-responses/new-response-object';
import { ResponsesStreamTranslator } from '../../src/dialects/openai-responses/responses-stream';
import type { ResponseStreamEvent } from '../../src/dialects/openai-responses/responses-types';

/** A translator that keeps every event it makes. */
class Recording extends ResponsesStreamTranslator {
  readonly events: ResponseStreamEvent[] = [];
  override start() {
    return this.keep(super.start());
  }
  override push(chunk: ChatChunk) {
    return this.keep(super.push(chunk));
  }
  override end() {
    return this.keep(super.end());
  }
  private keep(events: ResponseStreamEvent[]) {
    this.events.push(...events);
    return events;
  }
}

const chunk = (delta: object, finish_reason: string | null = null) =>
  ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason }] }) as ChatChunk;

/** Texts JSON escapes: quotes, backslashes, control characters, separators, astral and lone surrogates. */
const TEXTS = ['He said "hi"', ' back\\slash', '\n\t\r\b\f\u0000\u001f', '\u2028\u2029</script>', ' é 😀', '\ud83d', '\ude00 end'];

it('writes a text stream byte for byte as JSON.stringify of its events', async () => {
  const translator = new Recording(newResponseObject({ model: 'm', input: 'hi' }), new Map());
  async function* batches() {
    yield [chunk({ role: 'assistant', content: TEXTS[0] })];
    yield TEXTS.slice(1, 4).map((text) => chunk({ content: text }));
    for (const text of TEXTS.slice(4)) yield [chunk({ content: text })];
    yield [chunk({}, 'stop')];
  }
  const written = await new Response(encodeResponsesSse(batches(), translator, () => undefined)).text();
  expect(translator.events.filter((e) => e.type === 'response.output_text.delta')).toHaveLength(TEXTS.length);
  expect(written).toBe(typedEventsSse(translator.events));
});
