/** The SSE reader yields the same events for any split of the same bytes (DESIGN section 2). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutBytes } from './helpers/cut-bytes';
import { readServerSentEvents } from './helpers/read-sse';

const encoder = new TextEncoder();

function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const pieces = cutBytes(bytes, cuts);
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

async function events(stream: ReadableStream<Uint8Array>): Promise<Array<{ event?: string; data: string; id?: string }>> {
  const out = [];
  for await (const e of readServerSentEvents(stream)) out.push({ event: e.event, data: e.data, id: e.id });
  return out;
}

// Payloads with multi-byte characters (2, 3 and 4 bytes in UTF-8) so cuts land inside them.
const payload = fc.oneof(
  fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ')),
  fc.constantFrom('héllo', '日本語のテキスト', 'emoji 😀🎉', '{"a":"ü"}'),
);

const wire = fc
  .array(fc.record({ data: payload, event: fc.option(fc.constantFrom('message', 'ping', 'content_block_delta'), { nil: undefined }) }), {
    minLength: 1,
    maxLength: 8,
  })
  .chain((list) =>
    fc.record({
      list: fc.constant(list),
      newline: fc.constantFrom('\n', '\r\n', '\r'),
      comments: fc.boolean(),
    }),
  );

describe('readServerSentEvents', () => {
  it('yields the same events for every split of the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(wire, fc.array(fc.nat(), { maxLength: 12 }), async ({ list, newline, comments }, cuts) => {
        let text = comments ? `: keep-alive${newline}${newline}` : '';
        for (const item of list) {
          if (item.event) text += `event: ${item.event}${newline}`;
          text += `data: ${item.data}${newline}${newline}`;
          if (comments) text += `: OPENROUTER PROCESSING${newline}${newline}`;
        }
        const bytes = encoder.encode(text);
        const whole = await events(streamOf(bytes, []));
        expect(whole.map((e) => e.data)).toEqual(list.map((i) => i.data));
        const split = await events(streamOf(bytes, cuts));
        expect(split).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('splits byte by byte across a 4-byte character and CRLF', async () => {
    const bytes = encoder.encode('data: a😀b\r\n\r\ndata: [DONE]\r\n\r\n');
    const cuts = Array.from({ length: bytes.length }, (_, i) => i);
    expect((await events(streamOf(bytes, cuts))).map((e) => e.data)).toEqual(['a😀b', '[DONE]']);
  });

  it('keeps a last event that has no blank line after it', async () => {
    expect((await events(streamOf(encoder.encode('data: one\n\ndata: two'), []))).map((e) => e.data)).toEqual(['one', 'two']);
  });
});

describe('readServerSentEvents after the answer ends', () => {
  const encoder = new TextEncoder();
  const isDone = (event: { data: string }) => event.data === '[DONE]';

  it('reads the body to its end after the last event, so the connection can be reused', async () => {
    let pulls = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(encoder.encode('data: {"a":1}\n\ndata: [DONE]\n\n'));
        else if (pulls === 2) controller.enqueue(encoder.encode(': trailing comment\n\n'));
        else controller.close();
      },
      cancel: () => void (cancelled = true),
    });
    for await (const event of readServerSentEvents(body, isDone)) if (isDone(event)) break;
    expect(pulls).toBe(3);
    expect(cancelled).toBe(false);
  });

  it('cancels a body that keeps going after the last event, within a bound', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(encoder.encode('data: [DONE]\n\n')),
      cancel: () => void (cancelled = true),
    });
    const started = Date.now();
    for await (const event of readServerSentEvents(body, isDone)) if (isDone(event)) break;
    expect(cancelled).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('cancels at once when the reader stops before the answer ended (client gone)', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(encoder.encode('data: {"a":1}\n\n')),
      cancel: () => void (cancelled = true),
    });
    for await (const _event of readServerSentEvents(body, isDone)) break;
    expect(cancelled).toBe(true);
  });
});
