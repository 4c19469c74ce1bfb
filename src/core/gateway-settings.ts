/**
 * The gateway's own policy settings (retries, timeouts, fallbacks, aliases, logging), read from
 * the environment once per config. Dispatch (src/dispatch/) is what acts on them.
 */
import type { EnvReader } from './provider';

export type LogLevel = 'info' | 'error' | 'off';

export interface GatewaySettings {
  /** retries after the first attempt of each candidate model (`UPSTREAM_RETRIES`) */
  readonly retries: number;
  /** the longest `Retry-After` the gateway waits out; a longer one ends the retries (`UPSTREAM_RETRY_MAX_WAIT_MS`) */
  readonly retryMaxWaitMs: number;
  /** base of the exponential backoff with full jitter */
  readonly retryBaseMs: number;
  /** the wait for one attempt's response headers (`UPSTREAM_TIMEOUT_MS`) */
  readonly timeoutMs: number;
  /** the silence allowed between two chunks of a stream (`UPSTREAM_IDLE_TIMEOUT_MS`) */
  readonly idleTimeoutMs: number;
  /** for each model of a `MODEL_FALLBACKS` chain, the models after it, in order */
  readonly fallbacks: ReadonlyMap<string, readonly string[]>;
  /** `MODEL_ALIASES`: a requested name and the routable name it stands for */
  readonly aliases: ReadonlyMap<string, string>;
  readonly logLevel: LogLevel;
  /** `RESPONSES_NATIVE=off`: OpenAI and Azure get Responses translated to chat too (a base URL without `/responses`) */
  readonly responsesNative: boolean;
  /** `RESPONSES_STORE`: `memory`, or the name of a KV namespace binding; unset keeps the proxy stateless */
  readonly responsesStore: string | undefined;
  /** `RESPONSES_STORE_TTL`: seconds a stored response is kept */
  readonly responsesStoreTtlSeconds: number;
}

export const GATEWAY_DEFAULTS = {
  retries: 2,
  retryMaxWaitMs: 60_000,
  retryBaseMs: 500,
  // Below the OpenAI SDK's own 600 s, so the gateway gives up first and says why.
  timeoutMs: 300_000,
  idleTimeoutMs: 300_000,
  // A day: long enough for a working session's turns; KV takes no less than 60 s.
  responsesStoreTtlSeconds: 86_400,
} as const;

function count(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}

/** `a>b>c,d>e`: each model falls back to the ones after it in its chain. */
export function parseFallbacks(value: string | undefined): Map<string, string[]> {
  const fallbacks = new Map<string, string[]>();
  for (const raw of (value ?? '').split(',')) {
    const chain = raw
      .split('>')
      .map((s) => s.trim())
      .filter(Boolean);
    chain.forEach((model, i) => {
      if (!fallbacks.has(model) && i < chain.length - 1) fallbacks.set(model, chain.slice(i + 1));
    });
  }
  return fallbacks;
}

/** `asked=routable,...`; names may hold colons and slashes, so only `=` separates. */
export function parseAliases(value: string | undefined): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const raw of (value ?? '').split(',')) {
    const eq = raw.indexOf('=');
    const asked = raw.slice(0, eq).trim();
    const target = raw.slice(eq + 1).trim();
    if (eq > 0 && asked && target) aliases.set(asked, target);
  }
  return aliases;
}

export function readGatewaySettings(read: EnvReader): GatewaySettings {
  const level = read('LOG_LEVEL')?.toLowerCase();
  return {
    retries: count(read('UPSTREAM_RETRIES'), GATEWAY_DEFAULTS.retries),
    retryMaxWaitMs: count(read('UPSTREAM_RETRY_MAX_WAIT_MS'), GATEWAY_DEFAULTS.retryMaxWaitMs),
    retryBaseMs: count(read('UPSTREAM_RETRY_BASE_MS'), GATEWAY_DEFAULTS.retryBaseMs),
    timeoutMs: count(read('UPSTREAM_TIMEOUT_MS'), GATEWAY_DEFAULTS.timeoutMs) || GATEWAY_DEFAULTS.timeoutMs,
    idleTimeoutMs: count(read('UPSTREAM_IDLE_TIMEOUT_MS'), GATEWAY_DEFAULTS.idleTimeoutMs) || GATEWAY_DEFAULTS.idleTimeoutMs,
    fallbacks: parseFallbacks(read('MODEL_FALLBACKS')),
    aliases: parseAliases(read('MODEL_ALIASES')),
    logLevel: level === 'error' || level === 'off' ? level : 'info',
    responsesNative: read('RESPONSES_NATIVE')?.toLowerCase() !== 'off',
    responsesStore: read('RESPONSES_STORE'),
    responsesStoreTtlSeconds: Math.max(60, count(read('RESPONSES_STORE_TTL'), GATEWAY_DEFAULTS.responsesStoreTtlSeconds)),
  };
}
