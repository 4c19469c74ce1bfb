import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { BodyReader, UpstreamBody } from './upstream-transport';

/** After the answer's last event, at most this much of the body is read to free its connection. */
const DRAIN_MAX_BYTES = 64 * 1024;
// The end of the body follows the last event at once from every vendor seen; this bounds one that lingers.
const DRAIN_MAX_MS = 250;

/**
 * Reads what is left of a body whose answer is complete, so that its connection goes back to the
 * pool instead of being closed (a new TCP and TLS handshake for the next stream). Bounded: a body
 * that keeps going is cancelled.
 */
async function drain(reader: BodyReader): Promise<void> {
  const timer = setTimeout(() => reader.cancel().catch(() => undefined), DRAIN_MAX_MS);
  let bytes = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      bytes += value.byteLength;
      if (bytes > DRAIN_MAX_BYTES) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The body failed after the answer was complete: nothing is lost.
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Server-sent events from a byte stream, one at a time as they complete. Any split of the bytes
 * (mid-line, mid-character, CRLF) yields the same events: TextDecoder keeps partial characters
 * and eventsource-parser keeps partial lines. Comments and keep-alives yield nothing.
 * `endsAnswer` names the event after which the vendor sends nothing more (`[DONE]`, Anthropic's
 * `message_stop`): a reader stopped after it drains the body rather than cancelling it.
 */
export async function* readServerSentEvents(
  body: UpstreamBody,
  endsAnswer?: (event: EventSourceMessage) => boolean,
): AsyncGenerator<EventSourceMessage> {
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event) });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let finished = false;
  let answered = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        parser.feed(decoder.decode());
        // A last event without its blank line still counts: some upstreams close right after it.
        parser.feed('\n\n');
        finished = true;
      } else {
        parser.feed(decoder.decode(value, { stream: true }));
      }
      while (pending.length > 0) {
        const event = pending.shift()!;
        if (endsAnswer?.(event)) answered = true;
        yield event;
      }
      if (finished) return;
    }
  } finally {
    // Stopping after the answer's end reads the rest, before the stream reports its end: a
    // background read would be cut short on Workers, where nothing outlives the response.
    // Stopping early (client gone, error) cancels the upstream body, which closes its connection;
    // not awaited, as some bodies settle the cancel only when their source ends.
    if (!finished) {
      if (answered) await drain(reader);
      else reader.cancel().catch(() => undefined);
    }
  }
}
