/**
 * The attempt loop every inbound surface goes through: each candidate model gets one attempt plus
 * `UPSTREAM_RETRIES` retries on retryable failures, with backoff (or the upstream's `Retry-After`,
 * up to `UPSTREAM_RETRY_MAX_WAIT_MS`), a key from its provider's pool, and `UPSTREAM_TIMEOUT_MS` to
 * begin answering; then the next candidate. A client that goes away stops it all, backoff included.
 */
import type { GatewaySettings } from '../core/gateway-settings';
import { upstreamTimeout } from '../core/upstream-error';
import type { Candidate } from './candidates';
import { keyPoolOf } from './key-pool';
import { backoffMs, isKeyRejected, isRetryable } from './retry-policy';

export interface AttemptInput {
  readonly candidate: Candidate;
  readonly key: string | undefined;
  /** aborted when the attempt times out or the client goes away */
  readonly signal: AbortSignal;
}

/** The attempt that succeeded. Its signal stays linked to the client for as long as a stream runs. */
export interface Served<T> {
  readonly value: T;
  readonly candidate: Candidate;
  /** attempts made in all, this one included */
  readonly attempts: number;
  readonly controller: AbortController;
  /** unlinks the client's signal once the answer is complete */
  readonly release: () => void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `attempt` under the `UPSTREAM_TIMEOUT_MS` bound: on expiry its signal aborts and it counts as a timeout. */
function bounded<T>(run: Promise<T>, controller: AbortController, candidate: Candidate, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      // The aborted attempt still settles; nobody is waiting for it any more.
      run.catch(() => undefined);
      const error = upstreamTimeout(candidate.route.provider, 'UPSTREAM_TIMEOUT_MS', timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    run.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export async function runAttempts<T>(
  gateway: GatewaySettings,
  clientSignal: AbortSignal,
  candidates: readonly Candidate[],
  attempt: (input: AttemptInput) => Promise<T>,
  /** told of every attempt as it starts, so a failure is still logged with who was tried */
  onAttempt: (candidate: Candidate, attempts: number) => void = () => undefined,
): Promise<Served<T>> {
  let attempts = 0;
  let lastError: unknown;
  for (const candidate of candidates) {
    const pool = keyPoolOf(candidate.route.provider);
    const model = candidate.route.model.id;
    for (let retry = 0; ; retry++) {
      if (clientSignal.aborted) throw clientSignal.reason;
      const key = pool.take(model);
      const controller = new AbortController();
      const onAbort = () => controller.abort(clientSignal.reason);
      clientSignal.addEventListener('abort', onAbort, { once: true });
      const release = () => clientSignal.removeEventListener('abort', onAbort);
      attempts += 1;
      onAttempt(candidate, attempts);
      try {
        const value = await bounded(attempt({ candidate, key, signal: controller.signal }), controller, candidate, gateway.timeoutMs);
        return { value, candidate, attempts, controller, release };
      } catch (error) {
        release();
        if (clientSignal.aborted) throw clientSignal.reason;
        lastError = error;
        if (isKeyRejected(error)) {
          pool.rejected(key);
          // Another key is another credential, not the same request again: try it at once.
          if (pool.hasOther(key, model) && retry < gateway.retries) continue;
          break;
        }
        if (!isRetryable(error)) throw error;
        const asked = error.retryAfterMs;
        const status = error.upstreamStatus;
        if (status === 429) pool.rateLimited(key, model, asked);
        // A wait longer than allowed ends this model's attempts at once: the client gets the vendor's Retry-After.
        if (retry >= gateway.retries || (asked !== undefined && asked > gateway.retryMaxWaitMs)) break;
        const wait =
          status === 429 && pool.hasOther(key, model) ? 0 : (asked ?? backoffMs(retry, gateway.retryBaseMs, gateway.retryMaxWaitMs));
        await sleep(wait, clientSignal);
      }
    }
  }
  throw lastError;
}
