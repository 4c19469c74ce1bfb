/**
 * The chunks a family's stream translator writes: every chunk of one stream carries the same id,
 * creation time and model (a translator may learn the id and model from the first upstream event,
 * so they are read when each chunk is made), one choice (0, unless the upstream answers several:
 * Gemini's candidates), and the end every translator gives a stream that finished: the finish
 * reason, then usage when the client asked and the upstream told.
 */
import { ChunkJsonPrefix, prefixedChunk } from './chunk-json';
import type { StreamCall } from './provider';
import type { ChatChunk, ChatChunkDelta, FinishReason, Usage } from './types';
import { upstreamInvalidResponse, upstreamStreamError } from './upstream-error';

export interface StreamIdentity {
  id: string;
  model: string;
  readonly created: number;
  /** the JSON its chunks open with, made once (chunk-json.ts) */
  readonly json: ChunkJsonPrefix;
}

export const streamIdentity = (id: string, model: string): StreamIdentity => ({
  id,
  model,
  created: Math.floor(Date.now() / 1000),
  json: new ChunkJsonPrefix(),
});

/** A chunk of one choice (`index`, 0 unless the upstream answers several), with the identity's id, creation time and model as they are now. */
export const deltaChunk = (identity: StreamIdentity, delta: ChatChunkDelta, finishReason: FinishReason = null, index = 0): ChatChunk =>
  prefixedChunk(identity.json, identity, index, delta, finishReason);

export const usageChunk = ({ id, created, model }: StreamIdentity, usage: Usage): ChatChunk => ({
  id,
  object: 'chat.completion.chunk',
  created,
  model,
  choices: [],
  usage,
});

export interface StreamEnd {
  /** the upstream sent at least one event */
  readonly started: boolean;
  /** null or undefined: the upstream never said the answer was over */
  readonly finish: FinishReason | undefined;
  readonly usage: Usage | undefined;
}

/** After the upstream's last event, onto `out`: a stream with no event, or cut before its end, fails as such. */
export function endOfStream(call: StreamCall, identity: StreamIdentity, end: StreamEnd, cutBefore: string, out: ChatChunk[]): void {
  const { provider, secrets } = call;
  if (!end.started) throw upstreamInvalidResponse(provider, 'the stream had no events');
  if (!end.finish) throw upstreamStreamError(provider, `the connection closed before ${cutBefore}`, secrets);
  out.push(deltaChunk(identity, {}, end.finish));
  if (call.includeUsage && end.usage) out.push(usageChunk(identity, end.usage));
}
