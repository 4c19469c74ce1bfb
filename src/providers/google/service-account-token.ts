/**
 * Google OAuth access tokens for a service account (Vertex AI): an RS256 JWT signed with WebCrypto
 * (jose, so it runs on Workers too), exchanged at the token endpoint, cached per account until
 * shortly before expiry. A failed exchange is a 502 naming the variables to check, never cached.
 */
import { SignJWT, importPKCS8 } from 'jose';
import { ProxyError } from '../../core/errors';
import { capText } from '../../core/cap-text';
import { redactSecrets } from '../../core/redact';

export interface ServiceAccount {
  clientEmail: string;
  /** PEM (PKCS#8); a key pasted with literal `\n` sequences is accepted */
  privateKey: string;
  tokenUrl: string;
  /** the variables a user should check when Google refuses */
  hint: string;
}

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const EARLY_REFRESH_MS = 5 * 60 * 1000;

interface Cached {
  token: string;
  expiresAt: number;
}
const cache = new Map<string, Cached>();
const pending = new Map<string, Promise<Cached>>();

export const normalizePrivateKey = (key: string): string =>
  key
    .replace(/^["']|["']$/g, '')
    .replace(/\\n/g, '\n')
    .trim();

function failure(account: ServiceAccount, detail: string): ProxyError {
  return new ProxyError(`Google did not issue an access token for the Vertex service account (${detail}). Check ${account.hint}.`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_auth_failed',
  });
}

async function exchange(account: ServiceAccount): Promise<Cached> {
  let key: CryptoKey;
  try {
    key = await importPKCS8(normalizePrivateKey(account.privateKey), 'RS256');
  } catch {
    throw failure(account, 'the private key is not a PKCS#8 PEM key');
  }
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ scope: SCOPE })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(account.clientEmail)
    .setSubject(account.clientEmail)
    .setAudience(account.tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(key);
  let response: Response;
  try {
    response = await fetch(account.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    });
  } catch (error) {
    throw failure(account, `the token endpoint could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  if (!response.ok) {
    // Redacted before it is cut, so no part of a secret survives the cut.
    const detail = capText(redactSecrets(text, [account.privateKey, assertion]), 300);
    throw failure(account, `HTTP ${response.status}: ${detail}`);
  }
  const body = JSON.parse(text) as { access_token?: string; expires_in?: number };
  if (!body.access_token) throw failure(account, 'the token endpoint answered without access_token');
  return { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
}

/** A valid access token; `refresh` forces a new one (after the upstream answered 401). */
export async function googleAccessToken(account: ServiceAccount, refresh = false): Promise<string> {
  const id = `${account.clientEmail} ${account.tokenUrl}`;
  const cached = cache.get(id);
  if (!refresh && cached && cached.expiresAt - EARLY_REFRESH_MS > Date.now()) return cached.token;
  let inFlight = pending.get(id);
  if (!inFlight) {
    // Concurrent requests share one exchange.
    inFlight = exchange(account).finally(() => pending.delete(id));
    pending.set(id, inFlight);
  }
  try {
    const fresh = await inFlight;
    cache.set(id, fresh);
    return fresh.token;
  } catch (error) {
    cache.delete(id);
    throw error;
  }
}
