/**
 * Canonical chunks -> Anthropic SSE bytes, pulled one chunk at a time so nothing is buffered.
 * Every event has its `event:` line; there is no `[DONE]`. A `ping` goes out after every PING_MS
 * of upstream silence (a thinking model can be quiet for long), so clients and proxies between
 * keep the connection. A failure mid-stream ends it with one `event: error`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import { toProxyError } from '../../core/errors';
import type { ChatChunk } from '../../core/types';
import { AnthropicStreamState } from './anthropic-stream-state';
import type { StreamEvent } from './anthropic-types';
import { anthropicErrorBody } from './error-response';

const encoder = new TextEncoder();
const PING_MS = 10_000;
const PING = encoder.encode('event: ping\ndata: {"type":"ping"}\n\n');

const encode = (events: readonly StreamEvent[]): Uint8Array =>
  encoder.encode(events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join(''));

export function encodeAnthropicSse(
  chunks: AsyncIterable<ChatChunk>,
  state: AnthropicStreamState,
  onError?: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<ChatChunk>> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          pending ??= iterator.next();
          let timer: ReturnType<typeof setTimeout> | undefined;
          const ping = new Promise<'ping'>((resolve) => (timer = setTimeout(() => resolve('ping'), PING_MS)));
          const next = await Promise.race([pending, ping]);
          clearTimeout(timer);
          if (next === 'ping') {
            controller.enqueue(PING);
            return;
          }
          pending = undefined;
          if (next.done) {
            controller.enqueue(encode(state.end()));
            controller.close();
            return;
          }
          controller.enqueue(encode(state.push(next.value)));
        } catch (error) {
          onError?.(error);
          const event = anthropicErrorBody(toProxyError(error));
          controller.enqueue(encoder.encode(`event: error\ndata: ${JSON.stringify(event)}\n\n`));
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
