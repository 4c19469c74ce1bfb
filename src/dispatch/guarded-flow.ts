/**
 * What the guard of a translated stream (guard-stream.ts) and of passed-through bytes
 * (guard-byte-stream.ts) share: reading ahead to where the answer begins, so that an upstream
 * that fails before it can be retried, and then, once the client takes the flow, the idle
 * timeout (silence longer than `UPSTREAM_IDLE_TIMEOUT_MS` aborts the upstream and fails the flow
 * with a 504-coded error), pause and resume, and `onEnd` once however it ends (finish, error,
 * timeout, client gone). What differs is in the subclasses: when the answer has begun, how what was
 * read ahead is handed on, and what each value tells the gateway (usage, the watcher).
 */
import { PullableFlow, SilenceTimer, type Flow, type FlowSink } from '../core/flow';
import type { ConfiguredProvider } from '../core/provider';
import { upstreamTimeout } from '../core/upstream-error';

/**
 * A flow read up to where its answer begins, and paused there: the values read are kept by the
 * subclass, and whether the flow already ended. Until a guard takes it over, what comes later
 * (only its failure can: it is paused) is kept for that guard.
 */
export abstract class ReadAhead<T> implements FlowSink<T> {
  done = false;
  failure: unknown;
  private target: FlowSink<T> | undefined;
  private settle: ((error?: unknown) => void) | undefined;

  constructor(readonly flow: Flow<T>) {}

  /** Why a value read ahead fails the attempt (the client is sent nothing of it), if it does. */
  protected refusal(_value: T): unknown {
    return undefined;
  }

  /** Keeps a value read ahead; returns whether the answer has begun (or enough is read ahead). */
  protected abstract keep(value: T): boolean;

  /** From now on the flow's values go to `sink`. */
  handOver(sink: FlowSink<T>): void {
    this.target = sink;
  }

  data(value: T): void {
    if (this.target) return this.target.data(value);
    const refusal = this.refusal(value);
    if (this.settle && refusal !== undefined) {
      this.flow.cancel();
      return this.settled(refusal);
    }
    if (this.keep(value) && this.settle) {
      this.flow.pause();
      this.settled();
    }
  }

  end(): void {
    if (this.target) return this.target.end();
    this.done = true;
    this.settled();
  }

  fail(error: unknown): void {
    if (this.target) return this.target.fail(error);
    if (this.settle) return this.settled(error);
    this.failure = error;
  }

  /** Reads ahead until the answer begins; a failure before that cancels the flow and is thrown. */
  async begin(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => {
        this.settle = (error) => (error === undefined ? resolve() : reject(error));
        this.flow.start(this);
      });
    } catch (error) {
      this.flow.cancel();
      throw error;
    }
  }

  private settled(error?: unknown): void {
    const settle = this.settle;
    this.settle = undefined;
    settle?.(error);
  }
}

export interface GuardOptions {
  readonly provider: ConfiguredProvider;
  readonly idleTimeoutMs: number;
  readonly controller: AbortController;
  readonly onEnd: (error?: unknown) => void;
}

export abstract class GuardedFlow<T, Started extends ReadAhead<T> = ReadAhead<T>> extends PullableFlow<T> implements FlowSink<T> {
  private readonly idle: SilenceTimer;
  private sink: FlowSink<T> | undefined;
  private paused = false;
  private timedOut = false;
  protected ended = false;

  constructor(
    protected readonly started: Started,
    private readonly options: GuardOptions,
  ) {
    super();
    this.idle = new SilenceTimer(options.idleTimeoutMs, () => {
      this.timedOut = true;
      this.options.controller.abort();
      return false;
    });
  }

  /** Hands what was read ahead to `sink` (stopping if that ends the flow). */
  protected abstract replayHead(sink: FlowSink<T>): void;

  /** What a value tells the gateway, before it goes on to the client. */
  protected abstract seen(value: T): void;

  start(sink: FlowSink<T>): void {
    if (this.sink) return;
    this.sink = sink;
    const { started } = this;
    started.handOver(this);
    this.replayHead(sink);
    if (this.ended) return;
    if (started.done) return this.end();
    if (started.failure !== undefined) return this.fail(started.failure);
    if (this.paused) return;
    this.idle.wait();
    started.flow.resume();
  }

  pause(): void {
    this.paused = true;
    this.idle.rest();
    this.started.flow.pause();
  }

  resume(): void {
    this.paused = false;
    if (this.ended || !this.sink) return;
    this.idle.wait();
    this.started.flow.resume();
  }

  /** The client is gone: the upstream is stopped. */
  cancel(): void {
    const wasOpen = !this.ended;
    this.finish();
    if (wasOpen) {
      this.started.flow.cancel();
      this.options.controller.abort();
    }
  }

  data(value: T): void {
    if (this.ended) return;
    this.idle.rest();
    this.seen(value);
    this.sink!.data(value);
    if (!this.paused && !this.ended) this.idle.wait();
  }

  end(): void {
    if (this.ended) return;
    this.finish();
    this.sink!.end();
  }

  fail(error: unknown): void {
    if (this.ended) return;
    const failure = this.timedOut ? upstreamTimeout(this.options.provider, 'UPSTREAM_IDLE_TIMEOUT_MS', this.options.idleTimeoutMs) : error;
    this.finish(failure);
    this.sink!.fail(failure);
  }

  private finish(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.idle.stop();
    this.options.onEnd(error);
  }
}
