/**
 * The recorder against a stand-in "live" Groq (msw at Groq's real URL): the written fixture holds
 * no real secret, carries the test environment's fake key instead, and replays green.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
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

const liveStream = [
  {
    id: 'chatcmpl-live',
    object: 'chat.completion.chunk',
    created: 1764000000,
    model: 'llama-3.3-70b-versatile',
    choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
  },
  {
    id: 'chatcmpl-live',
    object: 'chat.completion.chunk',
    created: 1764000000,
    model: 'llama-3.3-70b-versatile',
    choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }],
  },
  {
    id: 'chatcmpl-live',
    object: 'chat.completion.chunk',
    created: 1764000000,
    model: 'llama-3.3-70b-versatile',
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    x_groq: { id: 'req_live', usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } },
  },
]
  .map((e) => `data: ${JSON.stringify(e)}\n\n`)
  .join('')
  .concat('data: [DONE]\n\n');

describe('npm run fixtures:record', () => {
  it('writes a fixture without secrets that replays under the test environment', async () => {
    const seenKeys: string[] = [];
    server.use(
      http.post('https://api.groq.com/openai/v1/chat/completions', ({ request }) => {
        seenKeys.push(request.headers.get('authorization') ?? '');
        return new HttpResponse(liveStream, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    const request = {
      model: 'groq/llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    };
    await recordFixture({ provider: 'groq', name: 'recorded', request, env: { GROQ_API_KEY: LIVE_KEY }, dir });
    expect(seenKeys).toEqual([`Bearer ${LIVE_KEY}`]);

    const files = readdirSync(join(dir, 'groq')).sort();
    expect(files).toEqual(['recorded.json', 'recorded.upstream.txt']);
    for (const file of files) expect(readFileSync(join(dir, 'groq', file), 'utf8')).not.toContain(LIVE_KEY);

    const fixture = loadFixture('groq', 'recorded', dir);
    expect(fixture.upstream.headers).toEqual({ authorization: `Bearer ${testEnv.GROQ_API_KEY}` });
    expect(fixture.upstream.response.sse).toBe(liveStream);

    const state = replayFixture(server, fixture);
    const replayed = await handle(
      new Request('http://proxy.test/v1/chat/completions', {
        method: 'POST',
        headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(fixture.request),
      }),
      testEnv,
    );
    expect(await readSseData(replayed)).toEqual(expected(fixture.expect.sse));
    expect(state.calls[0]?.body).toEqual(fixture.upstream.body);
    expect(fixture.expect.sse?.at(-2)).toMatchObject({ choices: [], usage: { total_tokens: 6 } });
  });
});
