/**
 * Rotation across a provider's keys (`<PREFIX>_API_KEY=k1,k2,...`): each request takes the next
 * key that is not resting. A key rests after a 429 for the upstream's `Retry-After` (or a minute)
 * and after a 401 or 403 for ten minutes, while the others serve. The state lives as long as the
 * config (per process on Node, per isolate on Workers).
 */
import type { ConfiguredProvider } from '../core/provider';

const RATE_LIMIT_REST_MS = 60_000;
const REJECTED_REST_MS = 600_000;

export class KeyPool {
  private turn = 0;
  private readonly restingUntil = new Map<string, number>();

  constructor(readonly keys: readonly string[]) {}

  /** the next key not resting; when every key rests, the one that wakes first */
  take(now = Date.now()): string | undefined {
    const { keys } = this;
    if (keys.length <= 1) return keys[0];
    let soonest: string | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[(this.turn + i) % keys.length]!;
      const until = this.restingUntil.get(key) ?? 0;
      if (until <= now) {
        this.turn = (this.turn + i + 1) % keys.length;
        return key;
      }
      if (soonest === undefined || until < this.restingUntil.get(soonest)!) soonest = key;
    }
    return soonest;
  }

  /** whether a key other than `key` could serve now */
  hasOther(key: string | undefined, now = Date.now()): boolean {
    return this.keys.some((k) => k !== key && (this.restingUntil.get(k) ?? 0) <= now);
  }

  rateLimited(key: string | undefined, retryAfterMs: number | undefined, now = Date.now()): void {
    if (key !== undefined && this.keys.length > 1) this.restingUntil.set(key, now + (retryAfterMs ?? RATE_LIMIT_REST_MS));
  }

  rejected(key: string | undefined, now = Date.now()): void {
    if (key !== undefined && this.keys.length > 1) this.restingUntil.set(key, now + REJECTED_REST_MS);
  }
}

const pools = new WeakMap<ConfiguredProvider, KeyPool>();

export function keyPoolOf(provider: ConfiguredProvider): KeyPool {
  let pool = pools.get(provider);
  if (!pool) {
    pool = new KeyPool(provider.keys);
    pools.set(provider, pool);
  }
  return pool;
}
