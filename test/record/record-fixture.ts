/**
 * Refreshes the upstream half of a contract fixture from a live upstream: runs the proxy in-process
 * with real keys on the fixture's own client request, tees the upstream exchange it makes, and
 * rewrites `upstream` (the request the proxy sent and the vendor's reply, with every secret
 * replaced by the fake value the tests configure). The client half (`request`, `clientHeaders`,
 * `expect`) is hand-checked and never written here: when the vendor's reply changed what a
 * client would see, the contract test fails instead of the expectation following the proxy.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { handle } from '../../src/app';
import { loadFixture, type Fixture } from '../helpers/fixtures';
import { PROXY_KEY, VERTEX_TEST_ACCESS_TOKEN, testEnv } from '../helpers/test-env';

export interface RecordOptions {
  provider: string;
  /** an existing fixture: its `request` is sent, its client half kept */
  name: string;
  /** the environment with real keys */
  env: Record<string, string>;
  /** where fixtures live (test/fixtures) */
  dir: string;
}

interface Exchange {
  url: string;
  headers: Headers;
  body: string;
  status: number;
  responseHeaders: Headers;
  text: string;
}

const SECRET_NAME = /KEY|TOKEN|PRIVATE/;
const AUTH_HEADERS = ['authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'anthropic-version', 'anthropic-beta'];

/** Real secret -> the fake value under the same variable in the test environment. */
function replacements(env: Record<string, string>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(env)) {
    if (!SECRET_NAME.test(name) || !value || name.endsWith('_MODELS')) continue;
    pairs.push([value, testEnv[name] ?? `test-${name.toLowerCase()}`]);
    // A private key pasted with literal \n also appears with real newlines.
    if (value.includes('\\n')) pairs.push([value.replace(/\\n/g, '\n'), testEnv[name] ?? '']);
  }
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

const redact = (text: string, pairs: Array<[string, string]>): string => pairs.reduce((t, [real, fake]) => t.split(real).join(fake), text);

export async function recordFixture(options: RecordOptions): Promise<Fixture> {
  const current = loadFixture(options.provider, options.name, options.dir);
  const exchanges: Exchange[] = [];
  const pairs = replacements(options.env);
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.clone().text() : '';
    const response = await original(request);
    const text = await response.clone().text();
    if (/oauth2|\/token$/.test(request.url)) {
      const token = (JSON.parse(text) as { access_token?: string }).access_token;
      if (token) pairs.unshift([token, VERTEX_TEST_ACCESS_TOKEN]);
    } else if (!current.upstream?.assets?.[request.url]) {
      exchanges.push({
        url: request.url,
        headers: request.headers,
        body,
        status: response.status,
        responseHeaders: response.headers,
        text,
      });
    }
    return response;
  };
  let upstream: Fixture['upstream'];
  let host: string;
  try {
    const response = await handle(
      new Request('http://proxy.local/v1/chat/completions', {
        method: 'POST',
        headers: { ...current.clientHeaders, authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(current.request),
      }),
      { ...options.env, API_KEY: PROXY_KEY },
    );
    // Read to the end, so that a stream's whole upstream reply is teed.
    await response.arrayBuffer();
    const call = exchanges.at(-1);
    if (!call) throw new Error('the proxy made no upstream call');
    host = new URL(call.url).host;
    const upstreamText = redact(call.text, pairs);
    const upstreamStreamed = call.responseHeaders.get('content-type')?.startsWith('text/event-stream') === true;
    const retryAfter = call.responseHeaders.get('retry-after');
    upstream = {
      ...(current.upstream?.assets ? { assets: current.upstream.assets } : {}),
      url: redact(call.url, pairs),
      headers: Object.fromEntries(AUTH_HEADERS.filter((h) => call.headers.has(h)).map((h) => [h, redact(call.headers.get(h)!, pairs)])),
      body: JSON.parse(redact(call.body, pairs)) as unknown,
      response: {
        ...(call.status === 200 ? {} : { status: call.status }),
        ...(retryAfter ? { headers: { 'retry-after': retryAfter } } : {}),
        ...(upstreamStreamed ? { sse: upstreamText } : { json: JSON.parse(upstreamText) as unknown }),
        ...(current.upstream?.response?.deviation ? { deviation: current.upstream.response.deviation } : {}),
      },
    };
  } finally {
    globalThis.fetch = original;
  }
  const fixture: Fixture = {
    ...current,
    source: `upstream half recorded from ${host} on ${new Date().toISOString().slice(0, 10)} by npm run fixtures:record`,
    upstream,
  };
  const base = join(options.dir, options.provider, options.name);
  const { sse, ...response } = upstream.response;
  writeFileSync(`${base}.json`, `${JSON.stringify({ ...fixture, upstream: { ...upstream, response } }, null, 2)}\n`);
  // A reply that is no longer a stream leaves no stale stream bytes behind.
  if (sse !== undefined) writeFileSync(`${base}.upstream.txt`, sse);
  else rmSync(`${base}.upstream.txt`, { force: true });
  return fixture;
}
