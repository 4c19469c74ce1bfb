/**
 * A passed-through body (the upstream's own bytes) under the same guard as a translated stream:
 * the chunks read before the answer began (see `startByteStream`) come first, silence longer than
 * `UPSTREAM_IDLE_TIMEOUT_MS` aborts the upstream and errors the body, every chunk is shown to the
 * family's watcher before it is handed on, and `onEnd` runs once however it ends (finish, error,
 * timeout, client gone). The client gets exactly the bytes the upstream sent, in the chunks it sent.
 */
import { flowOfBody, SilenceTimer, type Flow, type FlowSink } from '../core/flow';
import type { ConfiguredProvider, PassedThroughWatcher } from '../core/provider';
import { upstreamTimeout } from '../core/upstream-error';
import type { UpstreamBody } from '../core/upstream-transport';

/** What is read ahead for the answer to begin (Anthropic's message_start and a ping are well under 2 KB). */
const READ_AHEAD_BYTES = 64 * 1024;

/**
 * A body read up to where its answer begins, and paused there: what was read (`head`, one entry
 * per read), and whether the body already ended. Until a guard takes it over, what comes later
 * (only its failure can: it is paused) is kept for that guard.
 */
export class StartedByteStream implements FlowSink<Uint8Array> {
  readonly head: Uint8Array[] = [];
  done = false;
  failure: unknown;
  private bytes = 0;
  private target: FlowSink<Uint8Array> | undefined;
  private settle: ((error?: unknown) => void) | undefined;

  constructor(
    readonly flow: Flow<Uint8Array>,
    private readonly watcher: PassedThroughWatcher,
  ) {}

  /** From now on the body's chunks go to `sink`. */
  handOver(sink: FlowSink<Uint8Array>): void {
    this.target = sink;
  }

  data(chunk: Uint8Array): void {
    if (this.target) return this.target.data(chunk);
    const { watcher } = this;
    watcher.read(chunk);
    // An error after the answer began, even in this same chunk, is the client's to see.
    if (this.settle && watcher.error && !watcher.answering) {
      this.flow.cancel();
      return this.settled(watcher.error);
    }
    this.head.push(chunk);
    this.bytes += chunk.byteLength;
    if (this.settle && (watcher.answering || this.bytes >= READ_AHEAD_BYTES)) {
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

  /** @internal startByteStream's */
  begin(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error === undefined ? resolve() : reject(error));
      this.flow.start(this);
    });
  }

  private settled(error?: unknown): void {
    const settle = this.settle;
    this.settle = undefined;
    settle?.(error);
  }
}

/**
 * Reads a body up to where its answer begins: an upstream that fails before that (a 200 whose
 * first events are message_start and an overloaded error) has sent the client nothing yet, so the
 * attempt can be retried. Bounded in bytes here, in time by the attempt's `UPSTREAM_TIMEOUT_MS`.
 */
export async function startByteStream(body: UpstreamBody, watcher: PassedThroughWatcher): Promise<StartedByteStream> {
  const flow = flowOfBody(body);
  const started = new StartedByteStream(flow, watcher);
  try {
    await started.begin();
  } catch (error) {
    flow.cancel();
    throw error;
  }
  return started;
}

export interface ByteGuardOptions {
  readonly provider: ConfiguredProvider;
  readonly idleTimeoutMs: number;
  readonly controller: AbortController;
  readonly watcher: PassedThroughWatcher;
  readonly onEnd: (error?: unknown) => void;
}

class GuardedBytes implements Flow<Uint8Array>, FlowSink<Uint8Array> {
  private readonly idle: SilenceTimer;
  private sink: FlowSink<Uint8Array> | undefined;
  private paused = false;
  private timedOut = false;
  private ended = false;

  constructor(
    private readonly started: StartedByteStream,
    private readonly options: ByteGuardOptions,
  ) {
    this.idle = new SilenceTimer(options.idleTimeoutMs, () => {
      this.timedOut = true;
      this.options.controller.abort();
      return false;
    });
  }

  start(sink: FlowSink<Uint8Array>): void {
    if (this.sink) return;
    this.sink = sink;
    const { started } = this;
    started.handOver(this);
    // What was read ahead goes out as it was read: a write per read.
    for (const chunk of started.head.splice(0)) {
      if (this.ended) return;
      sink.data(chunk);
    }
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
      this.options.controller.abort();
      this.started.flow.cancel();
    }
  }

  data(chunk: Uint8Array): void {
    if (this.ended) return;
    this.idle.rest();
    this.options.watcher.read(chunk);
    this.sink!.data(chunk);
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

export const guardByteStream = (started: StartedByteStream, options: ByteGuardOptions): Flow<Uint8Array> =>
  new GuardedBytes(started, options);
