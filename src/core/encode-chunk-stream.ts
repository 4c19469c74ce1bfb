/**
 * The one writer of every dialect's stream: canonical chunks, in the batches of one upstream read
 * each, pushed as they come (nothing is buffered: a paused body pauses its batches) and written as
 * one write per batch through the dialect's synchronous encoder. A failure mid-stream ends it with
 * the dialect's error event; cancelling the body (client gone) cancels the batches, which cancels
 * the upstream.
 */
import { toProxyError, type ProxyError } from './errors';
import { SilenceTimer, type BodyFlow, type Flow, type FlowSink } from './flow';
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

/** Events that carry their `type` as SSE with that `event:` line (Anthropic's, Responses'), after `text`. */
export function typedEventsSse(events: readonly { readonly type: string }[], text = ''): string {
  for (const event of events) text += `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
  return text;
}

/**
 * A dialect's stream as a response body: the batches (what one upstream read completed each)
 * through the dialect's encoder, one write per batch that says something.
 */
class EncodedStream implements BodyFlow, FlowSink<ChatChunk[]> {
  private sink: FlowSink<string | Uint8Array> | undefined;
  private readonly silence: SilenceTimer | undefined;
  private paused = false;
  private done = false;

  constructor(
    private readonly batches: Flow<ChatChunk[]>,
    private readonly dialect: StreamEncoder,
    private readonly onError: ((error: unknown) => void) | undefined,
    keepAlive: KeepAlive | undefined,
  ) {
    this.silence =
      keepAlive &&
      new SilenceTimer(keepAlive.ms, () => {
        this.sink!.data(keepAlive.text);
        return true;
      });
  }

  start(sink: FlowSink<string | Uint8Array>): void {
    if (this.sink) return;
    this.sink = sink;
    let opening: string | undefined;
    try {
      opening = this.dialect.start?.();
    } catch (error) {
      this.batches.cancel();
      return this.fail(error);
    }
    if (opening) sink.data(opening);
    if (this.done) return;
    if (this.paused) this.batches.pause();
    else this.silence?.wait();
    this.batches.start(this);
  }

  pause(): void {
    this.paused = true;
    this.silence?.rest();
    this.batches.pause();
  }

  resume(): void {
    this.paused = false;
    if (this.done) return;
    this.silence?.wait();
    this.batches.resume();
  }

  /** The client is gone: nothing more is written, and the batches are cancelled (which cancels the upstream). */
  cancel(): void {
    if (this.done) return;
    this.stop();
    this.batches.cancel();
  }

  data(batch: ChatChunk[]): void {
    if (this.done) return;
    let text: string;
    try {
      text = this.dialect.batch(batch);
    } catch (error) {
      this.batches.cancel();
      return this.fail(error);
    }
    // A batch that says nothing in this dialect is no write.
    if (text) this.sink!.data(text);
    if (this.silence && !this.paused && !this.done) this.silence.wait();
  }

  end(): void {
    if (this.done) return;
    let text: string;
    try {
      text = this.dialect.end();
    } catch (error) {
      return this.fail(error);
    }
    this.stop();
    this.sink!.data(text);
    this.sink!.end();
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.stop();
    this.onError?.(error);
    this.sink!.data(this.dialect.fail(toProxyError(error)));
    this.sink!.end();
  }

  private stop(): void {
    this.done = true;
    this.silence?.stop();
  }
}

export const encodeChunkStream = (
  batches: Flow<ChatChunk[]>,
  dialect: StreamEncoder,
  onError?: (error: unknown) => void,
  keepAlive?: KeepAlive,
): BodyFlow => new EncodedStream(batches, dialect, onError, keepAlive);
