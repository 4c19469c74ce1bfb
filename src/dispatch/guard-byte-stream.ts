/**
 * A passed-through body (the upstream's own bytes) under the same guard as a translated stream
 * (guarded-flow.ts): the chunks read before the answer began (see `startByteStream`) come first,
 * as they were read, and every chunk is shown to the family's watcher before it is handed on. The
 * client gets exactly the bytes the upstream sent, in the chunks it sent.
 */
import { flowOfBody, type Flow, type FlowSink } from '../core/flow';
import type { PassedThroughWatcher } from '../core/provider';
import type { UpstreamBody } from '../core/upstream-transport';
import { GuardedFlow, ReadAhead, type GuardOptions } from './guarded-flow';

/** What is read ahead for the answer to begin (Anthropic's message_start and a ping are well under 2 KB). */
const READ_AHEAD_BYTES = 64 * 1024;

/** A body read up to where its answer begins: what was read (`head`, one entry per read). */
export class StartedByteStream extends ReadAhead<Uint8Array> {
  readonly head: Uint8Array[] = [];
  private bytes = 0;

  constructor(
    flow: Flow<Uint8Array>,
    private readonly watcher: PassedThroughWatcher,
  ) {
    super(flow);
  }

  // An error after the answer began, even in this same chunk, is the client's to see.
  protected override refusal(chunk: Uint8Array): unknown {
    const { watcher } = this;
    watcher.read(chunk);
    return watcher.error && !watcher.answering ? watcher.error : undefined;
  }

  protected keep(chunk: Uint8Array): boolean {
    this.head.push(chunk);
    this.bytes += chunk.byteLength;
    return this.watcher.answering || this.bytes >= READ_AHEAD_BYTES;
  }
}

/**
 * Reads a body up to where its answer begins: an upstream that fails before that (a 200 whose
 * first events are message_start and an overloaded error) has sent the client nothing yet, so the
 * attempt can be retried. Bounded in bytes here, in time by the attempt's `UPSTREAM_TIMEOUT_MS`.
 */
export async function startByteStream(body: UpstreamBody, watcher: PassedThroughWatcher): Promise<StartedByteStream> {
  const started = new StartedByteStream(flowOfBody(body), watcher);
  await started.begin();
  return started;
}

export interface ByteGuardOptions extends GuardOptions {
  readonly watcher: PassedThroughWatcher;
}

class GuardedBytes extends GuardedFlow<Uint8Array, StartedByteStream> {
  constructor(
    started: StartedByteStream,
    private readonly guard: ByteGuardOptions,
  ) {
    super(started, guard);
  }

  // What was read ahead goes out as it was read: a write per read (the watcher saw it then).
  protected replayHead(sink: FlowSink<Uint8Array>): void {
    for (const chunk of this.started.head.splice(0)) {
      if (this.ended) return;
      sink.data(chunk);
    }
  }

  protected seen(chunk: Uint8Array): void {
    this.guard.watcher.read(chunk);
  }
}

export const guardByteStream = (started: StartedByteStream, options: ByteGuardOptions): Flow<Uint8Array> =>
  new GuardedBytes(started, options);
