import { ProxyError } from './errors';

/**
 * Compares in time that depends only on the lengths, so a key cannot be guessed a character at a
 * time. Code unit by code unit: equal exactly when the strings are (encoding both to UTF-8 on every
 * request cost more than the comparison, and made two different lone surrogates equal).
 */
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  // charCodeAt past the end is NaN, which `^` takes as 0.
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % (b.length || 1));
  return diff === 0;
}

export function keyFromHeaders(headers: Headers): string | undefined {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1]!.trim();
  }
  return headers.get('x-api-key')?.trim() || headers.get('api-key')?.trim() || undefined;
}

/** Throws a 401 unless `presented` is one of the configured proxy keys. */
export function authorize(presented: string | undefined, keys: readonly string[]): void {
  if (keys.length === 0) {
    throw new ProxyError(
      'The proxy has no API_KEY configured, so it refuses every request. Set API_KEY (one key or a comma list) in the environment, .dev.vars, or with `wrangler secret put API_KEY`.',
      { status: 401, type: 'authentication_error', code: 'proxy_key_not_configured' },
    );
  }
  if (!presented) {
    throw new ProxyError('Missing API key: send the proxy API_KEY as `Authorization: Bearer <key>`, `x-api-key` or `api-key`.', {
      status: 401,
      type: 'authentication_error',
      code: 'missing_api_key',
    });
  }
  let ok = false;
  for (const key of keys) ok = constantTimeEqual(presented, key) || ok;
  if (!ok) {
    throw new ProxyError('Invalid API key: it does not match the proxy API_KEY.', {
      status: 401,
      type: 'authentication_error',
      code: 'invalid_api_key',
    });
  }
}
