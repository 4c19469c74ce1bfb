import { toProxyError } from '../../core/errors';
import type { ChatChunk } from '../../core/types';
import { ollamaErrorBody } from './error-response';
import type { LineShape } from './ollama-lines';
import { OllamaReplyStream } from './ollama-reply';

export const NDJSON_HEADERS = { 'content-type': 'application/x-ndjson' } as const;

const encoder = new TextEncoder();
const line = (value: unknown): Uint8Array => encoder.encode(`${JSON.stringify(value)}\n`);

/**
 * Canonical chunks -> Ollama NDJSON, pulled one chunk at a time so nothing is buffered. Ends with
 * the `done: true` line whatever the finish reason, or with one `{"error":"..."}` line when the
 * upstream fails mid-stream. Cancelling the response (client gone) returns the iterator, which
 * cancels the upstream body.
 */
export function encodeOllamaNdjson(
  chunks: AsyncIterable<ChatChunk>,
  model: string,
  shape: LineShape,
  startedAt: number,
  onError?: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const reply = new OllamaReplyStream(startedAt);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          // A pull must enqueue or close, or the stream stalls: skip chunks that say nothing.
          for (;;) {
            const { value, done } = await iterator.next();
            if (done) {
              const end = reply.end();
              if (end.calls) controller.enqueue(line(shape(model, end.calls)));
              controller.enqueue(line(shape(model, { content: '' }, end.done)));
              controller.close();
              return;
            }
            const piece = reply.push(value);
            if (piece) {
              controller.enqueue(line(shape(model, piece)));
              return;
            }
          }
        } catch (error) {
          onError?.(error);
          controller.enqueue(line(ollamaErrorBody(toProxyError(error))));
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
