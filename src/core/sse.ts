/**
 * The one driver of every translated stream: it reads an upstream SSE body a read at a time,
 * parses the events that read completed, feeds them to a synchronous state machine, and hands
 * on what they made as one batch, so one upstream read costs one pass through the pipeline and
 * becomes one write to the client, however many events it held.
 */
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
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

/** A vendor's stream as a synchronous state machine: events in, what they complete out. */
export interface StreamStateMachine<T> {
  /**
   * One event: pushes what it completes onto `out`. Returns true when it ends the answer (the
   * vendor sends nothing more: `[DONE]`, Anthropic's `message_stop`); the rest of the body is
   * then drained, not parsed. Throws the vendor's in-stream error.
   */
  event(event: EventSourceMessage, out: T[]): boolean;
  /** After the answer's end or the body's: what closes the stream; throws for a stream cut short. */
  end(out: T[]): void;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

type Phase = 'reading' | 'answered' | 'closed';

/**
 * The batches of a stream: each is what one upstream read completed (reads that complete nothing
 * are read on past). Any split of the bytes (mid-line, mid-character, CRLF) gives the same items:
 * TextDecoder keeps partial characters and eventsource-parser keeps partial lines; comments and
 * keep-alives give nothing. A failure after some items of a read hands those on first and is
 * thrown by the next call, so the client sees what came before it, as it would have a read
 * earlier. `asError` turns what reading throws into the stream's error.
 */
export class ServerSentEventBatches<T> implements AsyncIterableIterator<T[]> {
  private readonly reader: BodyReader;
  private readonly parser: EventSourceParser;
  private readonly decoder = new TextDecoder();
  private out: T[] = [];
  private phase: Phase = 'reading';
  private failure: unknown;
  private stopped = false;

  constructor(
    body: UpstreamBody,
    private readonly machine: StreamStateMachine<T>,
    private readonly asError: (error: unknown) => unknown = (error) => error,
  ) {
    this.reader = body.getReader();
    this.parser = createParser({
      onEvent: (event) => {
        // Events after the answer's end in the same read are not the answer's.
        if (this.phase === 'reading' && this.machine.event(event, this.out)) this.phase = 'answered';
      },
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<T[]>> {
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
    if (this.phase === 'answered') {
      // Before the stream reports its end: a background read would be cut short on Workers, where nothing outlives the response.
      this.phase = 'closed';
      await drain(this.reader);
      return DONE;
    }
    if (this.phase === 'closed') return DONE;
    const out: T[] = (this.out = []);
    try {
      while (out.length === 0 && this.phase === 'reading') {
        const { value, done } = await this.reader.read();
        // Returned while the read was pending (client gone): nothing more is the client's.
        if (this.stopped) return DONE;
        if (done) {
          this.parser.feed(this.decoder.decode());
          // A last event without its blank line still counts: some upstreams close right after it.
          this.parser.feed('\n\n');
          this.phase = 'closed';
        } else {
          this.parser.feed(this.decoder.decode(value, { stream: true }));
        }
      }
      if (this.phase !== 'reading') this.machine.end(out);
    } catch (error) {
      this.stop();
      const failure = this.asError(error);
      if (out.length === 0) throw failure;
      this.failure = failure;
    }
    return out.length > 0 ? { value: out, done: false } : this.next();
  }

  /** Stopped by its reader (client gone, or done with the answer). */
  async return(): Promise<IteratorResult<T[]>> {
    if (this.phase === 'answered') {
      this.phase = 'closed';
      await drain(this.reader);
    }
    this.stop();
    return DONE;
  }

  /**
   * Stopping before the answer's end cancels the upstream body, which closes its connection; not
   * awaited, as some bodies settle the cancel only when their source ends.
   */
  private stop(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.stopped = true;
    this.reader.cancel().catch(() => undefined);
  }
}
