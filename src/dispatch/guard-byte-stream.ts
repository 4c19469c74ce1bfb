/**
 * A passed-through body (the upstream's own bytes) under the same guard as a translated stream:
 * the chunks read before the answer began (see `startByteStream`) come first, silence longer than
 * `UPSTREAM_IDLE_TIMEOUT_MS` aborts the upstream and errors the body, every chunk is shown to the
 * family's watcher before it is handed on, and `onEnd` runs once however it ends (finish, error,
 * timeout, client gone). The client gets exactly the bytes the upstream sent, in the chunks it sent.
 */
import type { ConfiguredProvider, PassedThroughWatcher } from '../core/provider';
import { upstreamTimeout } from '../core/upstream-error';
import type { BodyReader, UpstreamBody } from '../core/upstream-transport';

/** What is read ahead for the answer to begin (Anthropic's message_start and a ping are well under 2 KB). */
const READ_AHEAD_BYTES = 64 * 1024;

export interface StartedByteStream {
  readonly reader: BodyReader;
  readonly head: Uint8Array[];
  readonly done: boolean;
}

/**
 * Reads a body up to where its answer begins: an upstream that fails before that (a 200 whose
 * first events are message_start and an overloaded error) has sent the client nothing yet, so the
 * attempt can be retried. Bounded in bytes here, in time by the attempt's `UPSTREAM_TIMEOUT_MS`.
 */
export async function startByteStream(body: UpstreamBody, watcher: PassedThroughWatcher): Promise<StartedByteStream> {
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let bytes = 0;
  try {
    while (!watcher.answering && bytes < READ_AHEAD_BYTES) {
      const { value, done } = await reader.read();
      if (done) return { reader, head, done: true };
      watcher.read(value);
      // An error after the answer began, even in this same chunk, is the client's to see.
      if (watcher.error && !watcher.answering) throw watcher.error;
      head.push(value);
      bytes += value.byteLength;
    }
    return { reader, head, done: false };
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
}

export interface ByteGuardOptions {
  readonly provider: ConfiguredProvider;
  readonly idleTimeoutMs: number;
  readonly controller: AbortController;
  readonly watcher: PassedThroughWatcher;
  readonly onEnd: (error?: unknown) => void;
}

export function guardByteStream(started: StartedByteStream, options: ByteGuardOptions): ReadableStream<Uint8Array> {
  const { reader, head } = started;
  let ended = false;
  const end = (error?: unknown) => {
    if (ended) return;
    ended = true;
    options.onEnd(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (head.length) return controller.enqueue(head.shift()!);
        if (started.done) {
          end();
          return controller.close();
        }
        const timer = setTimeout(() => options.controller.abort(), options.idleTimeoutMs);
        try {
          const { value, done } = await reader.read();
          if (done) {
            end();
            controller.close();
          } else {
            options.watcher.read(value);
            controller.enqueue(value);
          }
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
