import { capText } from './cap-text';

/** Each distinct unknown value is logged once per process; the cap bounds what a chatty vendor costs. */
const MAX_REMEMBERED = 256;
const seen = new Set<string>();

/**
 * The answer for a vendor value our spec does not list. The `never` parameter is the build-time
 * half: a `switch` over a generated enum reaches this default only when every value in the spec
 * has a case, so a value added to `specs/` stops compilation. At run time vendors ship values
 * before their specs do; those get `fallback` and one log line with the raw value (for a tagged
 * object, such as a stream event, its `type`).
 */
export function unknownUpstreamValue<T>(what: string, raw: never, fallback: T): T {
  const value: unknown = typeof raw === 'object' && raw !== null && 'type' in raw ? (raw as { type: unknown }).type : raw;
  const shown = capText(JSON.stringify(value) ?? String(value), 200);
  const key = `${what}\u0000${shown}`;
  if (!seen.has(key) && seen.size < MAX_REMEMBERED) {
    seen.add(key);
    console.warn(`[proxy] unknown ${what} ${shown}: treated as ${JSON.stringify(fallback)}`);
  }
  return fallback;
}
