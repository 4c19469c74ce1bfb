/**
 * On Workers the store's KV write runs under the request's `waitUntil`: a write still pending
 * when the stream ends would otherwise be cut off with the request. The KV namespace here is a
 * stand-in whose `put` finishes only when the test lets it (the part of the KV API the store
 * uses: `get(key, 'json')`, `put(key, value, { expirationTtl })`); the DeepSeek and OpenAI
 * answers follow their documented chat-streaming and Responses formats.
 * @see https://developers.cloudflare.com/kv/api/write-key-value-pairs/
 * @see https://developers.cloudflare.com/workers/runtime-apis/context/#waituntil
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Env } from '../../src/core/config';
import { postResponses } from '../helpers/post-responses';
import { testEnv } from '../helpers/test-env';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A KV namespace whose writes wait for `release()`. */
function slowKv() {
  const values = new Map<string, unknown>();
  const held: Array<() => void> = [];
  return {
    values,
    release: () => held.splice(0).forEach((finish) => finish()),
    get: async (key: string) => values.get(key) ?? null,
    put: (key: string, value: string) => new Promise<void>((resolve) => held.push(() => (values.set(key, JSON.parse(value)), resolve()))),
  };
}

async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  return done;
}

const cases = [
  {
    name: 'a translated stream',
    body: { model: 'deepseek-chat', input: 'Hi', stream: true },
    upstream: http.post('https://api.deepseek.com/chat/completions', () => {
      const chunk = {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'deepseek-chat',
        choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: 'stop' }],
      };
      return new HttpResponse(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`, { headers: { 'content-type': 'text/event-stream' } });
    }),
  },
  {
    name: 'a native stream',
    body: { model: 'gpt-5-mini', input: 'Say hello in French.', stream: true },
    upstream: http.post(
      'https://api.openai.com/v1/responses',
      () =>
        new HttpResponse(readFileSync(join(import.meta.dirname, 'fixtures', 'openai-native.stream.txt')), {
          headers: { 'content-type': 'text/event-stream' },
        }),
    ),
  },
];

it.each(cases)('$name: the KV write at its end is under waitUntil', async ({ body, upstream }) => {
  server.use(upstream);
  const kv = slowKv();
  const waited: Array<Promise<unknown>> = [];
  const env = { ...testEnv, RESPONSES_STORE: 'RESPONSES', RESPONSES: kv } as unknown as Env;
  const response = await postResponses(body, env, { waitUntil: (promise) => void waited.push(promise) });
  await response.text();
  expect(waited).toHaveLength(1);
  expect(await settled(waited[0]!)).toBe(false);
  kv.release();
  await waited[0];
  expect([...kv.values.keys()].some((key) => key.startsWith('response:resp_'))).toBe(true);
});
