/**
 * A streamed answer as dispatch hands it to a dialect, in the family's batches (what one upstream
 * read completed), under the guard of guarded-flow.ts: the chunks read before the answer began
 * (see `startStream`) come first, as one batch, and usage is noted for the access log.
 */
import type { Flow, FlowSink } from '../core/flow';
import type { ChatChunk, Usage } from '../core/types';
import { GuardedFlow, ReadAhead, type GuardOptions as FlowGuardOptions } from './guarded-flow';

/** Chunks that say nothing yet (a role, empty text) are read ahead, up to this many. */
const READ_AHEAD = 8;

const carriesAnswer = (chunk: ChatChunk): boolean =>
  chunk.usage != null ||
  chunk.choices.some(({ delta, finish_reason }) => {
    if (finish_reason) return true;
    const d = delta as Record<string, unknown>;
    return Boolean(d.content || d.tool_calls || d.reasoning_content || d.refusal);
  });

/** A stream read up to its first chunk with an answer in it: what was read (`head`). */
export class StartedStream extends ReadAhead<ChatChunk[]> {
  readonly head: ChatChunk[] = [];

  protected keep(batch: ChatChunk[]): boolean {
    this.head.push(...batch);
    return batch.some(carriesAnswer) || this.head.length >= READ_AHEAD;
  }
}

/**
 * Reads a stream up to its first chunk with an answer in it: an upstream that fails there (a 200
 * followed by an overloaded error) has sent the client nothing yet, so the attempt can be retried.
 */
export async function startStream(batches: Flow<ChatChunk[]>): Promise<StartedStream> {
  const started = new StartedStream(batches);
  await started.begin();
  return started;
}

export interface GuardOptions extends FlowGuardOptions {
  readonly onUsage: (usage: Usage) => void;
}

export class GuardedStream extends GuardedFlow<ChatChunk[], StartedStream> {
  constructor(
    started: StartedStream,
    private readonly guard: GuardOptions,
  ) {
    super(started, guard);
  }

  protected replayHead(): void {
    const { head } = this.started;
    if (head.length) this.data(head.splice(0));
  }

  protected seen(batch: ChatChunk[]): void {
    for (const chunk of batch) if (chunk.usage) this.guard.onUsage(chunk.usage);
  }
}
