/**
 * Which failures are worth another attempt, and how long to wait before it. Retried: the statuses
 * the OpenAI SDK itself retries plus Anthropic's 529, connection failures and timeouts; never any
 * other 4xx, never a bug.
 */
import { ProxyError } from '../core/errors';

const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

export function isRetryable(error: unknown): error is ProxyError {
  if (!(error instanceof ProxyError)) return false;
  if (error.upstreamStatus !== undefined) return RETRYABLE_STATUS.has(error.upstreamStatus);
  return error.code === 'upstream_unreachable' || error.code === 'upstream_timeout';
}

/** The upstream refused the proxy's own credentials: that key rests, and another may serve. */
export const isKeyRejected = (error: unknown): boolean => error instanceof ProxyError && error.code === 'upstream_auth_failed';

/**
 * Exponential backoff with full jitter: a uniform wait in [0, base * 2^retry], capped.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffMs(retry: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** retry));
}
