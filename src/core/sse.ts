import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * Server-sent events from a byte stream, one at a time as they complete. Any split of the bytes
 * (mid-line, mid-character, CRLF) yields the same events: TextDecoder keeps partial characters
 * and eventsource-parser keeps partial lines. Comments and keep-alives yield nothing.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<EventSourceMessage> {
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event) });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let finished = false;
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
      while (pending.length > 0) yield pending.shift()!;
      if (finished) return;
    }
  } finally {
    // Stopping early ([DONE], client gone, error) cancels the upstream body, which closes its
    // connection. Not awaited: some bodies settle the cancel only when their source ends.
    if (!finished) reader.cancel().catch(() => undefined);
  }
}
