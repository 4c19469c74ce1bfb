/**
 * A passed-through body (the upstream's own bytes) under the same guard as a translated stream:
 * silence longer than `UPSTREAM_IDLE_TIMEOUT_MS` aborts the upstream and errors the body, and
 * `onEnd` runs once however it ends (finish, error, timeout, client gone). The bytes are not read
 * for meaning: the client gets exactly what the upstream sent.
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
      async pull(controller) {
        const timer = setTimeout(() => options.controller.abort(), options.idleTimeoutMs);
        try {
          const { value, done } = await reader.read();
          if (done) {
            end();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          const failure = options.controller.signal.aborted
            ? upstreamTimeout(options.provider, 'UPSTREAM_IDLE_TIMEOUT_MS', options.idleTimeoutMs)
            : error;
          end(failure);
          controller.error(failure);
        } finally {
          clearTimeout(timer);
        }
      },
      async cancel(reason) {
        end();
        options.controller.abort();
        await reader.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
