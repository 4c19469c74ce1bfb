/**
 * A body passed through as bytes (OpenAI's Responses stream to a Responses client): silence longer
 * than `UPSTREAM_IDLE_TIMEOUT_MS` aborts the upstream and errors the stream (the bytes are the
 * vendor's, so no event of ours is added), and `onEnd` runs once however it ends.
 */
import type { ConfiguredProvider } from '../core/provider';
import { upstreamTimeout } from '../core/upstream-error';

export interface ByteGuardOptions {
  readonly provider: ConfiguredProvider;
  readonly idleTimeoutMs: number;
  readonly controller: AbortController;
  readonly onEnd: (error?: unknown) => void;
}

export function guardByteStream(body: ReadableStream<Uint8Array>, options: ByteGuardOptions): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let ended = false;
  const end = (error?: unknown) => {
    if (ended) return;
    ended = true;
    options.onEnd(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(stream) {
        const timer = setTimeout(() => {
          options.controller.abort(upstreamTimeout(options.provider, 'UPSTREAM_IDLE_TIMEOUT_MS', options.idleTimeoutMs));
        }, options.idleTimeoutMs);
        try {
          const { value, done } = await reader.read();
          if (done) {
            stream.close();
            end();
          } else stream.enqueue(value);
        } catch (error) {
          const failure = options.controller.signal.aborted ? (options.controller.signal.reason ?? error) : error;
          stream.error(failure);
          end(failure);
        } finally {
          clearTimeout(timer);
        }
      },
      async cancel() {
        end();
        options.controller.abort();
        await reader.cancel().catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
