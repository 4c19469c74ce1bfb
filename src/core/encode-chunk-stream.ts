/**
 * The one writer of every dialect's stream: canonical chunks, in the batches of one upstream read
 * each, pulled one batch at a time (nothing is buffered) and written as one enqueue per batch
 * through the dialect's synchronous encoder. A failure mid-stream ends it with the dialect's
 * error event; cancelling the response (client gone) returns the batches, which cancels the
 * upstream.
 */
import { toProxyError, type ProxyError } from './errors';
import type { ChatChunk } from './types';

/** A dialect's wire format, synchronous: what to write for each part of a stream. */
export interface StreamEncoder {
  /** what opens the stream before any chunk (the Responses dialect's `response.created`) */
  start?(): string;
  /** the text of one batch; '' when none of its chunks says anything in this dialect */
  batch(chunks: readonly ChatChunk[]): string;
  /** what ends a stream that finished (`[DONE]`, Ollama's `done: true` line); may throw */
  end(): string;
  /** what ends a stream that failed */
  fail(error: ProxyError): string;
}

/** Written after this much upstream silence, so clients and proxies between keep the connection. */
export interface KeepAlive {
  readonly ms: number;
  readonly text: string;
}

const encoder = new TextEncoder();

/** Events that carry their `type` as SSE with that `event:` line (Anthropic's, Responses'), after `text`. */
export function typedEventsSse(events: readonly { readonly type: string }[], text = ''): string {
  for (const event of events) text += `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
  return text;
}

export function encodeChunkStream(
  batches: AsyncIterable<ChatChunk[]>,
  dialect: StreamEncoder,
  onError?: (error: unknown) => void,
  keepAlive?: KeepAlive,
): ReadableStream<Uint8Array> {
  const iterator = batches[Symbol.asyncIterator]();
  let cancelled = false;
  let waitingSince = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let write: (text: string) => void = () => undefined;
  // One timer for the whole stream, re-armed when it fires: a batch costs one Date.now().
  const checkSilence = (): void => {
    if (!keepAlive) return;
    const waited = waitingSince ? Date.now() - waitingSince : 0;
    if (waited >= keepAlive.ms) {
      write(keepAlive.text);
      waitingSince = Date.now();
    }
    timer = setTimeout(checkSilence, waited >= keepAlive.ms ? keepAlive.ms : keepAlive.ms - waited);
  };
  const stop = (): void => {
    keepAlive = undefined;
    clearTimeout(timer);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        write = (text) => controller.enqueue(encoder.encode(text));
        if (keepAlive) timer = setTimeout(checkSilence, keepAlive.ms);
        const opening = dialect.start?.();
        if (opening) write(opening);
      },
      async pull(controller) {
        try {
          // A pull that enqueues nothing is not called again: read on until a batch says something.
          for (;;) {
            if (keepAlive) waitingSince = Date.now();
            const { value, done } = await iterator.next();
            waitingSince = 0;
            // Cancelled while the batch was on its way: the client is gone, nothing is written or kept.
            if (cancelled) return;
            if (done) {
              stop();
              write(dialect.end());
              controller.close();
              return;
            }
            const text = dialect.batch(value);
            if (text) return write(text);
          }
        } catch (error) {
          stop();
          if (cancelled) return;
          onError?.(error);
          write(dialect.fail(toProxyError(error)));
          controller.close();
        }
      },
      async cancel() {
        cancelled = true;
        stop();
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
