/**
 * A streamed answer as dispatch hands it to a dialect, in the family's batches (what one upstream
 * read completed): the chunks read before the answer began (see `startStream`) come first, as one
 * batch; silence longer than `UPSTREAM_IDLE_TIMEOUT_MS` aborts the upstream and ends the stream
 * with a 504-coded error, usage is noted for the access log, and `onEnd` runs once however the
 * stream ends (finish, error, timeout, client gone).
 */
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

export interface StartedStream {
  readonly iterator: AsyncIterator<ChatChunk[]>;
  readonly head: ChatChunk[];
  readonly done: boolean;
}

/**
 * Reads a stream up to its first chunk with an answer in it: an upstream that fails there (a 200
 * followed by an overloaded error) has sent the client nothing yet, so the attempt can be retried.
 */
export async function startStream(batches: AsyncIterable<ChatChunk[]>): Promise<StartedStream> {
  const iterator = batches[Symbol.asyncIterator]();
  const head: ChatChunk[] = [];
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return { iterator, head, done: true };
      head.push(...next.value);
      if (next.value.some(carriesAnswer) || head.length >= READ_AHEAD) return { iterator, head, done: false };
    }
  } catch (error) {
    await iterator.return?.().catch(() => undefined);
    throw error;
  }
}

export interface GuardOptions {
  readonly provider: ConfiguredProvider;
  readonly idleTimeoutMs: number;
  readonly controller: AbortController;
  readonly onUsage: (usage: Usage) => void;
  readonly onEnd: (error?: unknown) => void;
}

export class GuardedStream implements AsyncIterableIterator<ChatChunk[]> {
  private waitingSince = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOut = false;
  private ended = false;

  constructor(
    private readonly started: StartedStream,
    private readonly options: GuardOptions,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ChatChunk[]>> {
    const { head } = this.started;
    if (head.length) return Promise.resolve(this.seen(head.splice(0)));
    if (this.started.done || this.ended) return Promise.resolve(this.finish());
    // One timer for the whole stream, re-armed only when it fires: a batch costs one Date.now().
    this.waitingSince = Date.now();
    this.timer ??= setTimeout(this.checkIdle, this.options.idleTimeoutMs);
    return this.started.iterator.next().then(
      (result) => {
        this.waitingSince = 0;
        return result.done ? this.finish() : this.seen(result.value);
      },
      (error: unknown) => {
        const failure = this.timedOut
          ? upstreamTimeout(this.options.provider, 'UPSTREAM_IDLE_TIMEOUT_MS', this.options.idleTimeoutMs)
          : error;
        this.finish(failure);
        throw failure;
      },
    );
  }

  async return(): Promise<IteratorResult<ChatChunk[]>> {
    const wasOpen = !this.ended;
    this.finish();
    if (wasOpen) {
      await this.started.iterator.return?.().catch(() => undefined);
      this.options.controller.abort();
    }
    return { value: undefined, done: true };
  }

  private readonly checkIdle = (): void => {
    this.timer = undefined;
    if (this.ended) return;
    const { idleTimeoutMs } = this.options;
    const waited = this.waitingSince ? Date.now() - this.waitingSince : 0;
    if (waited >= idleTimeoutMs) {
      this.timedOut = true;
      this.options.controller.abort();
      return;
    }
    this.timer = setTimeout(this.checkIdle, idleTimeoutMs - waited);
  };

  private seen(batch: ChatChunk[]): IteratorResult<ChatChunk[]> {
    for (const chunk of batch) if (chunk.usage) this.options.onUsage(chunk.usage);
    return { value: batch, done: false };
  }

  private finish(error?: unknown): IteratorResult<ChatChunk[]> {
    if (!this.ended) {
      this.ended = true;
      if (this.timer) clearTimeout(this.timer);
      this.options.onEnd(error);
    }
    return { value: undefined, done: true };
  }
}
