/**
 * The push streams every streamed answer is made of, on every runtime: the upstream's bytes, the
 * family's batches, the dialect's text. A flow hands each value to its one sink as it comes (no
 * promise per value), is paused and resumed by that sink (backpressure: a slow client pauses the
 * upstream) and cancelled when the client goes. Where the answer goes is the last sink's
 * business: the Node entry writes it to the socket (src/runtimes/node-streamed-body.ts), every
 * other runtime gets a ReadableStream (`readableStreamOf`), and code that pulls (tests, a
 * completion collected from a stream) iterates it (`PullableFlow`).
 */
import type { UpstreamBody } from './upstream-transport';

export interface FlowSink<T> {
  /** one value: for batches and bytes, what one upstream read gave */
  data(value: T): void;
  /** the flow ended well; nothing follows */
  end(): void;
  /** the flow failed; nothing follows */
  fail(error: unknown): void;
}

export interface Flow<T> {
  /**
   * Begins handing values to `sink`, at once or later; once only. A flow paused before it starts
   * starts paused. The sink may pause, resume or cancel the flow from within its own calls.
   */
  start(sink: FlowSink<T>): void;
  /** no more values until `resume` (one already on its way may still come) */
  pause(): void;
  resume(): void;
  /** the consumer is gone: the flow stops, frees its upstream, and calls its sink no more */
  cancel(): void;
}

/** What a response body is written from: text (written as UTF-8) or bytes. */
export type BodyFlow = Flow<string | Uint8Array>;

/**
 * An upstream body as a flow: its own where it has one (the Node entry's undici bodies, Node
 * streams' 'data' events), else its reader, a read at a time. A body is read either way, not both.
 */
export function flowOfBody(body: UpstreamBody): Flow<Uint8Array> {
  const flow = body.flow?.();
  if (flow) return flow;
  const reader = body.getReader();
  // Not awaited: some bodies settle a cancel only when their source ends.
  return new PulledFlow<Uint8Array>(
    () => reader.read(),
    () => void reader.cancel().catch(() => undefined),
  );
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * A flow read by pulling: each `next()` resumes it until one value comes. A failure after values
 * is thrown by the call after them; `return()` cancels the flow.
 */
class Puller<T> implements FlowSink<T> {
  private readonly queue: T[] = [];
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  private started = false;
  private ended = false;
  private failed = false;
  private failure: unknown;

  constructor(private readonly flow: Flow<T>) {}

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.failed) {
      this.failed = false;
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      if (this.started) return this.flow.resume();
      this.started = true;
      this.flow.start(this);
    });
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.ended) {
      this.ended = true;
      this.flow.cancel();
    }
    this.queue.length = 0;
    this.failed = false;
    this.settle(DONE);
    return Promise.resolve(DONE);
  }

  data(value: T): void {
    if (this.ended) return;
    this.flow.pause();
    if (this.waiting) this.settle({ value, done: false });
    else this.queue.push(value);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.settle(DONE);
  }

  fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    const waiting = this.waiting;
    if (!waiting) {
      this.failed = true;
      this.failure = error;
      return;
    }
    this.waiting = undefined;
    waiting.reject(error);
  }

  private settle(result: IteratorResult<T>): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(result);
  }
}

/** A flow that can also be iterated (for await), for the code that pulls. */
export abstract class PullableFlow<T> implements Flow<T>, AsyncIterableIterator<T> {
  private puller: Puller<T> | undefined;

  abstract start(sink: FlowSink<T>): void;
  abstract pause(): void;
  abstract resume(): void;
  abstract cancel(): void;

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    return (this.puller ??= new Puller(this)).next();
  }

  /** Stopped by its reader: cancels the flow. */
  return(): Promise<IteratorResult<T>> {
    return (this.puller ??= new Puller(this)).return();
  }
}

/** One pull at a time, while not paused: what a flow is made of where its source only pulls (a fetch body's reader, an async iterable). */
class PulledFlow<T> extends PullableFlow<T> {
  private sink: FlowSink<T> | undefined;
  private paused = false;
  private pulling = false;
  private stopped = false;

  constructor(
    private readonly pull: () => Promise<{ done?: boolean; value?: T }>,
    private readonly stop: () => void,
  ) {
    super();
  }

  start(sink: FlowSink<T>): void {
    this.sink = sink;
    this.pump();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  cancel(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stop();
  }

  private pump(): void {
    if (this.pulling || this.paused || this.stopped || !this.sink) return;
    this.pulling = true;
    this.pull().then(this.onPulled, this.onError);
  }

  private readonly onPulled = (result: { done?: boolean; value?: T }): void => {
    this.pulling = false;
    if (this.stopped) return;
    if (result.done) {
      this.stopped = true;
      this.sink!.end();
      return;
    }
    this.sink!.data(result.value as T);
    this.pump();
  };

  private readonly onError = (error: unknown): void => {
    this.pulling = false;
    if (this.stopped) return;
    this.stopped = true;
    this.sink!.fail(error);
  };
}

/** An async iterable as a flow: for tests, and sources that only pull. */
export function flowOf<T>(values: AsyncIterable<T>): PullableFlow<T> {
  const iterator = values[Symbol.asyncIterator]();
  return new PulledFlow(
    () => iterator.next(),
    () => void iterator.return?.().catch(() => undefined),
  );
}

const encoder = new TextEncoder();

/**
 * A response body as a web ReadableStream, for the runtimes whose server reads one: nothing is
 * read before the stream's first read, and each read resumes the flow for one more write (text is
 * encoded as UTF-8), so a stream read slowly reads its upstream as slowly. Cancelling it cancels
 * the flow.
 */
export function readableStreamOf(flow: BodyFlow): ReadableStream<Uint8Array> {
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (started) return flow.resume();
        started = true;
        flow.start({
          data(chunk) {
            controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
            if ((controller.desiredSize ?? 0) <= 0) flow.pause();
          },
          end: () => controller.close(),
          fail: (error) => controller.error(error),
        });
      },
      cancel() {
        flow.cancel();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * One timer for a whole stream, for how long it has waited on its upstream: `wait()` when it
 * starts waiting (a batch costs one Date.now()), `rest()` when it is not (a value came, or the
 * client paused it). `onSilence` runs after `ms` of waiting; it returns true to keep watching
 * (a keep-alive), false to stop (an idle timeout). The timer is re-armed only when it fires.
 */
export class SilenceTimer {
  private since = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly ms: number,
    private readonly onSilence: () => boolean,
  ) {}

  wait(): void {
    if (this.stopped) return;
    this.since = Date.now();
    this.timer ??= setTimeout(this.check, this.ms);
  }

  rest(): void {
    this.since = 0;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly check = (): void => {
    this.timer = undefined;
    if (this.stopped) return;
    const waited = this.since ? Date.now() - this.since : 0;
    if (waited >= this.ms) {
      if (!this.onSilence() || this.stopped) return;
      if (this.since) this.since = Date.now();
      this.timer = setTimeout(this.check, this.ms);
      return;
    }
    this.timer = setTimeout(this.check, this.ms - waited);
  };
}
