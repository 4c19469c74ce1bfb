/**
 * Whether a WeakRef's target has been garbage-collected, after a forced full collection: for
 * tests that pin what an open stream must not keep alive. A WeakRef's target lives at least
 * until the job that made or read it ends, so the check waits a macrotask first.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Forced full collections, a macrotask apart, for tests that measure what stays in memory: the
 * backing stores of dead ArrayBuffers are freed after the collection that finds them.
 */
export async function collectGarbage(): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
}

export async function isCollected(ref: WeakRef<object>): Promise<boolean> {
  await collectGarbage();
  return ref.deref() === undefined;
}
