/**
 * Canonical chunks -> Responses SSE bytes (`event: <type>` and `data: <event>` per event), pulled
 * one chunk at a time through the stream translator so nothing is buffered. A failure after the
 * stream began ends it with `response.failed`. Cancelling (client gone) cancels the upstream.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import { toProxyError } from '../../core/errors';
import type { ChatChunk } from '../../core/types';
import type { ResponsesStreamTranslator } from './responses-stream';
import type { ResponseObject, ResponseStreamEvent } from './responses-types';

const encoder = new TextEncoder();

const frame = (events: readonly ResponseStreamEvent[]): Uint8Array =>
  encoder.encode(events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join(''));

export function encodeResponsesSse(
  chunks: AsyncIterable<ChatChunk>,
  translator: ResponsesStreamTranslator,
  /** the final response, once the stream has ended well (for the store) */
  onDone: (response: ResponseObject) => void,
  onError?: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(frame(translator.start()));
          return;
        }
        try {
          // A pull that enqueues nothing is not called again: read on until a chunk makes an event.
          for (;;) {
            const { value, done } = await iterator.next();
            if (done) {
              controller.enqueue(frame(translator.end()));
              controller.close();
              onDone(translator.response);
              return;
            }
            const events = translator.push(value);
            if (events.length) return controller.enqueue(frame(events));
          }
        } catch (error) {
          onError?.(error);
          controller.enqueue(frame(translator.fail(toProxyError(error))));
          controller.close();
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
