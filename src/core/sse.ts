/**
 * The one driver of every translated stream: it reads an upstream SSE body a read at a time,
 * parses the events that read completed, feeds them to a synchronous state machine, and hands
 * on what they made as one batch, so one upstream read costs one pass through the pipeline and
 * becomes one write to the client, however many events it held.
 */
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { ChunkDecoder } from './chunk-decoder';
import { flowOfBody, PullableFlow, type Flow, type FlowSink } from './flow';
import type { UpstreamBody } from './upstream-transport';

/** After the answer's last event, at most this much of the body is read to free its connection. */
const DRAIN_MAX_BYTES = 64 * 1024;
// The end of the body follows the last event at once from every vendor seen; this bounds one that lingers.
const DRAIN_MAX_MS = 250;

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

type Phase = 'idle' | 'reading' | 'answered' | 'draining' | 'closed';

const ignore: FlowSink<unknown> = { data: () => undefined, end: () => undefined, fail: () => undefined };

/**
 * The batches of a stream: each is what one upstream read completed (reads that complete nothing
 * are read on past). Any split of the bytes (mid-line, mid-character, CRLF) gives the same items:
 * the decoder keeps partial characters and eventsource-parser keeps partial lines; comments and
 * keep-alives give nothing. A failure after some items of a read hands those on first, then
 * fails the flow, so the client sees what came before it, as it would have a read earlier.
 * `asError` turns what reading throws into the stream's error.
 *
 * After the answer's last event, at most DRAIN_MAX_BYTES more of the body are read (for at most
 * DRAIN_MAX_MS), so that its connection goes back to the pool instead of being closed (a new TCP
 * and TLS handshake for the next stream); the flow ends after that, not before: a background read
 * would be cut short on Workers, where nothing outlives the response.
 */
export class ServerSentEventBatches<T> extends PullableFlow<T[]> {
  private readonly parser: EventSourceParser;
  private readonly decoder = new ChunkDecoder();
  private source: Flow<Uint8Array> | undefined;
  private sink: FlowSink<T[]> = ignore;
  private out: T[] = [];
  private phase: Phase = 'idle';
  private paused = false;
  private drained = 0;
  private drainTimer: ReturnType<typeof setTimeout> | undefined;
  private drainOver: (() => void) | undefined;

  constructor(
    private readonly body: UpstreamBody,
    private readonly machine: StreamStateMachine<T>,
    private readonly asError: (error: unknown) => unknown = (error) => error,
  ) {
    super();
    this.parser = createParser({
      onEvent: (event) => {
        // Events after the answer's end in the same read are not the answer's.
        if (this.phase === 'reading' && this.machine.event(event, this.out)) this.phase = 'answered';
      },
    });
  }

  start(sink: FlowSink<T[]>): void {
    if (this.phase !== 'idle') return;
    this.sink = sink;
    this.phase = 'reading';
    const source = (this.source = flowOfBody(this.body));
    if (this.paused) source.pause();
    source.start({ data: this.read, end: this.readEnd, fail: this.readFail });
  }

  pause(): void {
    this.paused = true;
    // The drain reads on whatever the client does.
    if (this.phase === 'reading') this.source?.pause();
  }

  resume(): void {
    this.paused = false;
    if (this.phase === 'reading') this.source?.resume();
  }

  /**
   * The client is gone. Before the answer's end that cancels the upstream body, which closes its
   * connection; a drain already under way goes on, to free the connection.
   */
  cancel(): void {
    this.sink = ignore;
    if (this.phase === 'draining' || this.phase === 'closed') return;
    this.phase = 'closed';
    (this.source ??= flowOfBody(this.body)).cancel();
  }

  /** Stopped by its reader: after the answer's end, once the drain is over. */
  override async return(): Promise<IteratorResult<T[]>> {
    const result = await super.return();
    if (this.phase === 'draining') await new Promise<void>((resolve) => (this.drainOver = resolve));
    return result;
  }

  private readonly read = (chunk: Uint8Array): void => {
    if (this.phase === 'draining') {
      this.drained += chunk.byteLength;
      if (this.drained > DRAIN_MAX_BYTES) this.endDrain(true);
      return;
    }
    if (this.phase !== 'reading') return;
    const out = this.out;
    let answered: boolean;
    try {
      this.parser.feed(this.decoder.decode(chunk));
      // The parser's callback may have ended the answer.
      answered = this.answered();
      if (answered) this.machine.end(out);
    } catch (error) {
      this.failWith(out, error);
      return;
    }
    if (out.length) {
      this.out = [];
      this.sink.data(out);
    }
    if (answered) this.startDrain();
  };

  private readonly readEnd = (): void => {
    if (this.phase === 'draining') return this.endDrain(false);
    if (this.phase !== 'reading') return;
    const out = this.out;
    try {
      this.parser.feed(this.decoder.end());
      // A last event without its blank line still counts: some upstreams close right after it.
      this.parser.feed('\n\n');
      this.phase = 'closed';
      this.machine.end(out);
    } catch (error) {
      this.failWith(out, error);
      return;
    }
    this.handOn(out);
  };

  private readonly readFail = (error: unknown): void => {
    // The body failed after the answer was complete: nothing is lost.
    if (this.phase === 'draining') return this.endDrain(false);
    if (this.phase !== 'reading') return;
    this.phase = 'closed';
    this.handOn(this.out, { error: this.asError(error) });
  };

  private answered(): boolean {
    return this.phase === 'answered';
  }

  private failWith(out: T[], error: unknown): void {
    const wasReading = this.phase === 'reading' || this.phase === 'answered';
    this.phase = 'closed';
    if (wasReading) this.source?.cancel();
    this.handOn(out, { error: this.asError(error) });
  }

  /** The last of the flow: what the read completed, then its end or its failure; nothing reaches the sink after. */
  private handOn(out: T[], failure?: { error: unknown }): void {
    const sink = this.sink;
    this.sink = ignore;
    if (out.length) sink.data(out);
    if (failure) sink.fail(failure.error);
    else sink.end();
  }

  private startDrain(): void {
    if (this.phase !== 'answered') return;
    this.phase = 'draining';
    // Set before the resume, which may hand on the body's end at once (a body read whole before
    // the stream started): set after it, it outlived the drain and kept the stream for its 250 ms.
    this.drainTimer = setTimeout(() => this.endDrain(true), DRAIN_MAX_MS);
    this.source!.resume();
  }

  private endDrain(cancel: boolean): void {
    if (this.phase !== 'draining') return;
    this.phase = 'closed';
    clearTimeout(this.drainTimer);
    if (cancel) this.source!.cancel();
    const sink = this.sink;
    this.sink = ignore;
    sink.end();
    this.drainOver?.();
  }
}
