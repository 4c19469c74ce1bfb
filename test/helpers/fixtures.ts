/**
 * Contract fixtures: `test/fixtures/<provider>/<case>.json`, each pairing one upstream exchange
 * with what an OpenAI client must see. A stream's upstream bytes live beside it in
 * `<case>.upstream.txt`, exactly as they cross the wire.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Fixture {
  /** where the wire format comes from (vendor docs, spec) */
  source: string;
  /** the body an OpenAI client sends to the proxy */
  request: Record<string, unknown>;
  /** extra headers the client sends (e.g. `anthropic-beta`) */
  clientHeaders?: Record<string, string>;
  upstream: {
    /** other URLs the proxy fetches on the way (images it must inline), as base64 bodies */
    assets?: Record<string, { base64: string; contentType: string }>;
    /** full URL the proxy must call, query included */
    url: string;
    /** headers the call must carry (names lower-case); null: must be absent */
    headers?: Record<string, string | null>;
    /** the exact JSON body the proxy must send */
    body: unknown;
    response: {
      status?: number;
      headers?: Record<string, string>;
      json?: unknown;
      /** filled from `<case>.upstream.txt` */
      sse?: string;
      /** how the vendor's documented body (or stream) departs from specs/ (skips that check) */
      deviation?: string;
    };
  };
  expect: {
    status?: number;
    /** null: must be absent */
    headers?: Record<string, string | null>;
    json?: unknown;
    /** the data payloads the client receives, `[DONE]` included */
    sse?: unknown[];
  };
}

export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures');

export const CONTRACT_CASES = ['text', 'stream', 'tool-call', 'tool-call-stream', 'tool-result', 'image', 'reasoning', 'error'] as const;

export function fixtureProviders(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function fixtureCases(provider: string): string[] {
  return readdirSync(join(FIXTURES_DIR, provider))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function loadFixture(provider: string, name: string, dir = FIXTURES_DIR): Fixture {
  const base = join(dir, provider, name);
  const fixture = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Fixture;
  if (existsSync(`${base}.upstream.txt`)) fixture.upstream.response.sse = readFileSync(`${base}.upstream.txt`, 'utf8');
  return fixture;
}
