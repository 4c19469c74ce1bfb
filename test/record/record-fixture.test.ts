/**
 * The recorder against a stand-in "live" Groq (msw at Groq's real URL): it rewrites only the
 * upstream half of a hand-checked fixture, holds no real secret (the test environment's fake key
 * instead), and when the vendor's reply changes what a client sees, the replay no longer matches
 * the kept expectation: a failing contract test, not a rewritten one.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import { loadFixture } from '../helpers/fixtures';
import { readSseData } from '../helpers/read-sse';
import { expected, replayFixture } from '../helpers/replay-fixture';
import { PROXY_KEY, testEnv } from '../helpers/test-env';
import { recordFixture } from './record-fixture';

const LIVE_KEY = 'gsk_live_0123456789abcdef';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  id: 'chatcmpl-live',
  object: 'chat.completion.chunk',
  created: 1764000000,
  model: 'llama-3.3-70b-versatile',
  choices: [{ index: 0, delta, finish_reason: finish }],
});
const usage = { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 };

/** What Groq streams for a one-word answer. */
const liveStream = (word: string): string =>
  [chunk({ role: 'assistant', content: '' }), chunk({ content: word }), { ...chunk({}, 'stop'), x_groq: { id: 'req_live', usage } }]
    .map((e) => `data: ${JSON.stringify(e)}\n\n`)
    .join('')
    .concat('data: [DONE]\n\n');

/** The client half, written and checked by hand: Groq's usage moved to the top level, x_groq gone. */
const clientHalf = {
  request: {
    model: 'groq/llama-3.3-70b-versatile',
    messages: [{ role: 'user', content: 'hi' }],
    stream: true,
    stream_options: { include_usage: true },
  },
  expect: {
    sse: [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hi' }),
      chunk({}, 'stop'),
      { id: 'chatcmpl-live', object: 'chat.completion.chunk', created: 1764000000, model: 'llama-3.3-70b-versatile', choices: [], usage },
      '[DONE]',
    ],
  },
};

/** A fixture folder holding the hand-written case, recorded once before (a stale upstream half). */
function handWrittenFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'record-'));
  mkdirSync(join(dir, 'groq'));
  const stale = { url: 'https://api.groq.com/openai/v1/chat/completions', body: {}, response: {} };
  writeFileSync(join(dir, 'groq', 'recorded.json'), JSON.stringify({ source: 'by hand', ...clientHalf, upstream: stale }));
  writeFileSync(join(dir, 'groq', 'recorded.upstream.txt'), 'data: [DONE]\n\n');
  return dir;
}

const replay = async (dir: string) => {
  const fixture = loadFixture('groq', 'recorded', dir);
  const state = replayFixture(server, fixture);
  const response = await handle(
    new Request('http://proxy.test/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(fixture.request),
    }),
    testEnv,
  );
  return { fixture, events: await readSseData(response), sent: state.calls[0]?.body };
};

const liveGroq = (word: string, seenKeys: string[] = []) =>
  server.use(
    http.post('https://api.groq.com/openai/v1/chat/completions', ({ request }) => {
      seenKeys.push(request.headers.get('authorization') ?? '');
      return new HttpResponse(liveStream(word), { headers: { 'content-type': 'text/event-stream' } });
    }),
  );

describe('npm run fixtures:record', () => {
  it('rewrites only the upstream half, without secrets, and the fixture replays under the test environment', async () => {
    const seenKeys: string[] = [];
    liveGroq('Hi', seenKeys);
    const dir = handWrittenFixture();
    await recordFixture({ provider: 'groq', name: 'recorded', env: { GROQ_API_KEY: LIVE_KEY }, dir });
    expect(seenKeys).toEqual([`Bearer ${LIVE_KEY}`]);

    const files = readdirSync(join(dir, 'groq')).sort();
    expect(files).toEqual(['recorded.json', 'recorded.upstream.txt']);
    for (const file of files) expect(readFileSync(join(dir, 'groq', file), 'utf8')).not.toContain(LIVE_KEY);

    const { fixture, events, sent } = await replay(dir);
    expect({ request: fixture.request, expect: fixture.expect }).toEqual(clientHalf);
    expect(fixture.upstream.headers).toEqual({ authorization: `Bearer ${testEnv.GROQ_API_KEY}` });
    expect(fixture.upstream.response.sse).toBe(liveStream('Hi'));
    expect(events).toEqual(expected(fixture.expect.sse));
    expect(sent).toEqual(fixture.upstream.body);
  });

  it('keeps the expectation when the vendor changed its reply, so the replay fails', async () => {
    liveGroq('Hello');
    const dir = handWrittenFixture();
    await recordFixture({ provider: 'groq', name: 'recorded', env: { GROQ_API_KEY: LIVE_KEY }, dir });
    const { fixture, events } = await replay(dir);
    expect(fixture.expect).toEqual(clientHalf.expect);
    expect(fixture.upstream.response.sse).toBe(liveStream('Hello'));
    expect(events).not.toEqual(expected(fixture.expect.sse));
    expect(events[1]).toMatchObject({ choices: [{ delta: { content: 'Hello' } }] });
  });
});
