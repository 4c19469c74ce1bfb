/**
 * A streamed answer as dispatch hands it to a dialect, in the family's batches (what one upstream
 * read completed): the chunks read before the answer began (see `startStream`) come first, as one
 * batch; silence longer than `UPSTREAM_IDLE_TIMEOUT_MS` aborts the upstream and ends the stream
 * with a 504-coded error, usage is noted for the access log, and `onEnd` runs once however the
 * stream ends (finish, error, timeout, client gone).
 */
import { PullableFlow, SilenceTimer, type Flow, type FlowSink } from '../core/flow';
import type { ConfiguredProvider } from '../core/provider';
import type { ChatChunk, Usage } from '../core/types';
import { upstreamTimeout } from '../core/upstream-error';

/** Chunks that say nothing yet (a role, empty text) are read ahead, up to this many. */
const READ_AHEAD = 8;

const carriesAnswer = (chunk: ChatChunk): boolean =>
  chunk.usage != null ||
  chunk.choices.some(({ delta, finish_reason }) => {
    if (finish_reason) return true;
    const d = delta as Record<string, unknown>;
    return Boolean(d.content || d.tool_calls || d.reasoning_content || d.refusal);
  });

/**
 * A stream read up to its first chunk with an answer in it, and paused there: what was read
 * (`head`), and whether the stream already ended. Until a guard takes it over, what comes later
 * (only its failure can: it is paused) is kept for that guard.
 */
export class StartedStream implements FlowSink<ChatChunk[]> {
  readonly head: ChatChunk[] = [];
  done = false;
  failure: unknown;
  private target: FlowSink<ChatChunk[]> | undefined;
  private settle: ((error?: unknown) => void) | undefined;

  constructor(readonly flow: Flow<ChatChunk[]>) {}

  /** From now on the stream's batches go to `sink`. */
  handOver(sink: FlowSink<ChatChunk[]>): void {
    this.target = sink;
  }

  data(batch: ChatChunk[]): void {
    if (this.target) return this.target.data(batch);
    this.head.push(...batch);
    if (this.settle && (batch.some(carriesAnswer) || this.head.length >= READ_AHEAD)) {
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

  /** @internal startStream's */
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
 * Reads a stream up to its first chunk with an answer in it: an upstream that fails there (a 200
 * followed by an overloaded error) has sent the client nothing yet, so the attempt can be retried.
 */
export async function startStream(batches: Flow<ChatChunk[]>): Promise<StartedStream> {
  const started = new StartedStream(batches);
  try {
    await started.begin();
  } catch (error) {
    batches.cancel();
    throw error;
  }
  return started;
}

export interface GuardOptions {
  readonly provider: ConfiguredProvider;
  readonly idleTimeoutMs: number;
  readonly controller: AbortController;
  readonly onUsage: (usage: Usage) => void;
  readonly onEnd: (error?: unknown) => void;
}

export class GuardedStream extends PullableFlow<ChatChunk[]> implements FlowSink<ChatChunk[]> {
  private readonly idle: SilenceTimer;
  private sink: FlowSink<ChatChunk[]> | undefined;
  private paused = false;
  private timedOut = false;
  private ended = false;

  constructor(
    private readonly started: StartedStream,
    private readonly options: GuardOptions,
  ) {
    super();
    this.idle = new SilenceTimer(options.idleTimeoutMs, () => {
      this.timedOut = true;
      this.options.controller.abort();
      return false;
    });
  }

  start(sink: FlowSink<ChatChunk[]>): void {
    if (this.sink) return;
    this.sink = sink;
    const { started } = this;
    started.handOver(this);
    const { head } = started;
    if (head.length) this.data(head.splice(0));
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

  data(batch: ChatChunk[]): void {
    if (this.ended) return;
    this.idle.rest();
    for (const chunk of batch) if (chunk.usage) this.options.onUsage(chunk.usage);
    this.sink!.data(batch);
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
