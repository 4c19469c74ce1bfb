/**
 * Records a contract fixture from a live upstream: runs the proxy in-process with real keys, tees
 * every upstream exchange it makes, and writes `test/fixtures/<provider>/<case>.json` (and the
 * stream's exact bytes) with every secret replaced by the fake value the tests configure, so the
 * recorded fixture replays under `npm test` unchanged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { handle } from '../../src/app';
import { readServerSentEvents } from '../../src/core/sse';
import type { Fixture } from '../helpers/fixtures';
import { PROXY_KEY, VERTEX_TEST_ACCESS_TOKEN, testEnv } from '../helpers/test-env';

export interface RecordOptions {
  provider: string;
  name: string;
  /** the OpenAI chat request a client sends */
  request: Record<string, unknown>;
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

/** Values the proxy makes itself (no `created` upstream): matched loosely on replay. */
function loosen(value: unknown, upstreamText: string): unknown {
  if (Array.isArray(value)) return value.map((v) => loosen(v, upstreamText));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'created' && typeof v === 'number' && !upstreamText.includes(String(v)) ? '<any:number>' : loosen(v, upstreamText),
    ]),
  );
}

export async function recordFixture(options: RecordOptions): Promise<Fixture> {
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
    } else {
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
  let fixture: Fixture;
  try {
    const response = await handle(
      new Request('http://proxy.local/v1/chat/completions', {
        method: 'POST',
        headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(options.request),
      }),
      { ...options.env, API_KEY: PROXY_KEY },
    );
    const streamed = response.headers.get('content-type')?.startsWith('text/event-stream') === true;
    const output: unknown[] = [];
    if (streamed && response.body) {
      for await (const event of readServerSentEvents(response.body))
        output.push(event.data === '[DONE]' ? '[DONE]' : JSON.parse(event.data));
    }
    const json = streamed ? undefined : await response.json();
    const call = exchanges.at(-1);
    if (!call) throw new Error('the proxy made no upstream call');
    const upstreamText = redact(call.text, pairs);
    const retryAfter = response.headers.get('retry-after');
    const upstreamStreamed = call.responseHeaders.get('content-type')?.startsWith('text/event-stream') === true;
    fixture = {
      source: `recorded from ${new URL(call.url).host} on ${new Date().toISOString().slice(0, 10)} by npm run fixtures:record`,
      request: options.request,
      upstream: {
        url: redact(call.url, pairs),
        headers: Object.fromEntries(AUTH_HEADERS.filter((h) => call.headers.has(h)).map((h) => [h, redact(call.headers.get(h)!, pairs)])),
        body: JSON.parse(redact(call.body, pairs)) as unknown,
        response: {
          ...(call.status === 200 ? {} : { status: call.status }),
          ...(call.responseHeaders.get('retry-after') ? { headers: { 'retry-after': call.responseHeaders.get('retry-after')! } } : {}),
          ...(upstreamStreamed ? { sse: upstreamText } : { json: JSON.parse(upstreamText) as unknown }),
        },
      },
      expect: {
        ...(response.status === 200 ? {} : { status: response.status }),
        ...(retryAfter ? { headers: { 'retry-after': retryAfter } } : {}),
        ...(streamed
          ? { sse: loosen(JSON.parse(redact(JSON.stringify(output), pairs)), upstreamText) as unknown[] }
          : { json: loosen(JSON.parse(redact(JSON.stringify(json), pairs)), upstreamText) }),
      },
    };
  } finally {
    globalThis.fetch = original;
  }
  const folder = join(options.dir, options.provider);
  mkdirSync(folder, { recursive: true });
  const { sse, ...response } = fixture.upstream.response;
  const written = { ...fixture, upstream: { ...fixture.upstream, response } };
  writeFileSync(join(folder, `${options.name}.json`), `${JSON.stringify(written, null, 2)}\n`);
  if (sse !== undefined) writeFileSync(join(folder, `${options.name}.upstream.txt`), sse);
  return fixture;
}
