import { toProxyError } from '../../core/errors';
import type { ChatChunk } from '../../core/types';
import { openaiErrorBody } from './error-response';

const encoder = new TextEncoder();
const DONE = encoder.encode('data: [DONE]\n\n');

/**
 * Canonical chunks -> OpenAI SSE bytes, pulled one chunk at a time so nothing is buffered. Ends
 * with `[DONE]`, or with one `data: {"error":...}` event when the upstream fails mid-stream.
 * Cancelling the response (client gone) returns the iterator, which cancels the upstream body.
 */
export function encodeOpenAISse(chunks: AsyncIterable<ChatChunk>, onError?: (error: unknown) => void): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) {
            controller.enqueue(DONE);
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(value)}\n\n`));
        } catch (error) {
          onError?.(error);
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(openaiErrorBody(toProxyError(error)))}\n\n`));
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
