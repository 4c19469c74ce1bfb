import type { Config } from './config';

const ALLOW_HEADERS =
  'authorization, content-type, x-api-key, api-key, anthropic-version, anthropic-beta, openai-organization, openai-project, x-stainless-arch, x-stainless-lang, x-stainless-os, x-stainless-package-version, x-stainless-retry-count, x-stainless-runtime, x-stainless-runtime-version, x-stainless-timeout';

/** CORS headers for this request's origin, or none when CORS_ORIGIN is unset or does not match. */
export function corsHeaders(config: Config, origin: string | null): Record<string, string> | undefined {
  const allowed = config.corsOrigins;
  if (!allowed || !origin) return undefined;
  if (allowed === '*') return { 'access-control-allow-origin': '*' };
  if (!allowed.includes(origin)) return undefined;
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

export function preflightHeaders(config: Config, origin: string | null): Record<string, string> | undefined {
  const base = corsHeaders(config, origin);
  if (!base) return undefined;
  return {
    ...base,
    'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
    'access-control-allow-headers': ALLOW_HEADERS,
    'access-control-max-age': '86400',
  };
}
