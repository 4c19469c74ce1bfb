/**
 * Rotation across a provider's keys (`<PREFIX>_API_KEY=k1,k2,...`): each request takes the next
 * key that is not resting. A key rests after a 429 for the upstream's `Retry-After` (or a minute),
 * for that model only (vendors limit per model), and after a 401 or 403 for ten minutes, for
 * every model, while the others serve. The state lives as long as the config (per process on
 * Node, per isolate on Workers).
 */
import type { ConfiguredProvider } from '../core/provider';

const RATE_LIMIT_REST_MS = 60_000;
const REJECTED_REST_MS = 600_000;

export class KeyPool {
  private turn = 0;
  /** by key (rejected) and by key and model (rate-limited) */
  private readonly restingUntil = new Map<string, number>();

  constructor(readonly keys: readonly string[]) {}

  private wakesAt(key: string, model: string): number {
    return Math.max(this.restingUntil.get(key) ?? 0, this.restingUntil.get(`${key}\n${model}`) ?? 0);
  }

  /** the next key not resting for this model; when every key rests, the one that wakes first */
  take(model: string, now = Date.now()): string | undefined {
    const { keys } = this;
    if (keys.length <= 1) return keys[0];
    let soonest: string | undefined;
    let soonestAt = Infinity;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[(this.turn + i) % keys.length]!;
      const at = this.wakesAt(key, model);
      if (at <= now) {
        this.turn = (this.turn + i + 1) % keys.length;
        return key;
      }
      if (at < soonestAt) [soonest, soonestAt] = [key, at];
    }
    return soonest;
  }

  /** whether a key other than `key` could serve this model now */
  hasOther(key: string | undefined, model: string, now = Date.now()): boolean {
    return this.keys.some((k) => k !== key && this.wakesAt(k, model) <= now);
  }

  rateLimited(key: string | undefined, model: string, retryAfterMs: number | undefined, now = Date.now()): void {
    if (key !== undefined && this.keys.length > 1) this.restingUntil.set(`${key}\n${model}`, now + (retryAfterMs ?? RATE_LIMIT_REST_MS));
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
