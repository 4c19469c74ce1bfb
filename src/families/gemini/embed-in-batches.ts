/**
 * Embedding calls cut to the upstream's batch limit: each batch is one call, a few in flight at a
 * time, and the vectors come back in input order whatever order the calls finish in.
 */
import type { ConfiguredProvider } from '../../core/provider';
import { upstreamInvalidResponse } from '../../core/upstream-error';

export interface EmbeddedBatch {
  readonly vectors: readonly number[][];
  /** the input tokens, where the upstream counts them */
  readonly tokens?: number | undefined;
}

/** Enough to overlap round trips without one client's request taking a whole quota. */
const IN_FLIGHT = 4;

export async function embedInBatches(
  provider: ConfiguredProvider,
  texts: readonly string[],
  size: number,
  send: (batch: string[]) => Promise<EmbeddedBatch>,
): Promise<EmbeddedBatch> {
  const batches: string[][] = [];
  for (let start = 0; start < texts.length; start += size) batches.push(texts.slice(start, start + size));
  const results: EmbeddedBatch[] = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < batches.length; index = next++) {
      const result = await send(batches[index]!);
      // A vector missing or extra would shift every later one onto the wrong text.
      if (result.vectors.length !== batches[index]!.length) {
        throw upstreamInvalidResponse(provider, `${result.vectors.length} embeddings for ${batches[index]!.length} texts`);
      }
      results[index] = result;
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, batches.length) }, worker));
  const counted = results.every((r) => r.tokens !== undefined);
  return {
    vectors: results.flatMap((r) => r.vectors),
    tokens: counted ? results.reduce((sum, r) => sum + (r.tokens ?? 0), 0) : undefined,
  };
}
