/**
 * Native answers (OpenAI, Azure: passed through) are kept in RESPONSES_STORE like translated
 * ones: a JSON body as it is, a stream's `response.completed` object, collected while the bytes
 * go to the client unchanged. Then `previous_response_id` and `GET /v1/responses/{id}` work after
 * a native answer: the proxy expands its stored conversation itself (the upstream may never have
 * kept it, `store: false` there), for a native target and a translated one alike. State the
 * proxy does not have goes to a native upstream as sent (OpenAI keeps responses of its own) and
 * is a 400 for a translated target.
 *
 * The JSON answer is the example of OpenAI's API reference (Create a model response, "Text
 * input" response); the stream is openai-native.stream.txt (OpenAI's documented streaming events).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import { deepseekAnswers } from '../helpers/deepseek-answers';
import { postResponses } from '../helpers/post-responses';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const STREAM = readFileSync(join(import.meta.dirname, 'fixtures', 'openai-native.stream.txt'));
const STREAMED_ID = 'resp_68af0b4c1e6c81a2b3b1b8e2a1f0c0de';
const ANSWER = {
  id: 'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b',
  object: 'response',
  created_at: 1741476542,
  status: 'completed',
  error: null,
  incomplete_details: null,
  instructions: null,
  max_output_tokens: null,
  model: 'gpt-4.1-2025-04-14',
  output: [
    {
      type: 'message',
      id: 'msg_67ccd2bf17f0819081ff3bb2cf6508e60bb6a6b452d3795b',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'In a peaceful grove beneath a silver moon...', annotations: [] }],
    },
  ],
  parallel_tool_calls: true,
  previous_response_id: null,
  reasoning: { effort: null, summary: null },
  store: true,
  temperature: 1.0,
  text: { format: { type: 'text' } },
  tool_choice: 'auto',
  tools: [],
  top_p: 1.0,
  truncation: 'disabled',
  usage: {
    input_tokens: 36,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 87,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 123,
  },
  user: null,
  metadata: {},
};
const ANSWER_BYTES = JSON.stringify(ANSWER, null, 2);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A new env object is a new config, so each test has a store of its own. */
const withStore = () => ({ ...testEnv, RESPONSES_STORE: 'memory' });
const post = postResponses;
const get = (id: string, env: Record<string, string>) =>
  handle(new Request(`http://proxy.test/v1/responses/${id}`, { headers: { authorization: `Bearer ${PROXY_KEY}` } }), env);

/** OpenAI's /responses answering each call in turn (JSON or the stream), recording the bodies. */
function openaiAnswers(...answers: Array<'json' | 'stream'>) {
  const bodies: Array<Record<string, any>> = [];
  server.use(
    http.post('https://api.openai.com/v1/responses', async ({ request }) => {
      bodies.push((await request.json()) as Record<string, any>);
      return answers[bodies.length - 1] === 'stream'
        ? new HttpResponse(STREAM, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } })
        : new HttpResponse(ANSWER_BYTES, { headers: { 'content-type': 'application/json' } });
    }),
  );
  return bodies;
}

const story = { role: 'user', content: 'Tell me a three sentence bedtime story about a unicorn.' };

describe('native answers in RESPONSES_STORE', () => {
  it('a JSON answer is kept as it came: GET returns it, and previous_response_id continues it natively and on another vendor', async () => {
    const storeEnv = withStore();
    const upstream = openaiAnswers('json', 'json');
    const first = await post({ model: 'gpt-4.1', input: story.content }, storeEnv);
    expect(await first.text()).toBe(ANSWER_BYTES);
    expect(await (await get(ANSWER.id, storeEnv)).json()).toEqual(ANSWER);

    await post({ model: 'gpt-4.1', input: 'Shorter.', previous_response_id: ANSWER.id }, storeEnv);
    // The proxy expands its own chain: OpenAI gets the whole conversation and no id to look up.
    expect(upstream[1]).toMatchObject({
      previous_response_id: null,
      input: [{ type: 'message', ...story }, ANSWER.output[0], { type: 'message', role: 'user', content: 'Shorter.' }],
    });

    const translated = deepseekAnswers(server, 'Sure.');
    expect((await post({ model: 'deepseek-chat', input: 'Shorter.', previous_response_id: ANSWER.id }, storeEnv)).status).toBe(200);
    expect(translated[0]!.messages).toEqual([
      story,
      { role: 'assistant', content: 'In a peaceful grove beneath a silver moon...' },
      { role: 'user', content: 'Shorter.' },
    ]);
  });

  it("a stream's response.completed is kept, the bytes to the client unchanged", async () => {
    const storeEnv = withStore();
    openaiAnswers('stream');
    const response = await post({ model: 'gpt-5-mini', input: 'Say hello in French.', stream: true }, storeEnv);
    expect(Buffer.from(await response.arrayBuffer()).equals(STREAM)).toBe(true);
    const kept = (await (await get(STREAMED_ID, storeEnv)).json()) as { status: string; output: Array<{ id: string }> };
    expect(kept).toMatchObject({ id: STREAMED_ID, status: 'completed', output: [{ id: 'msg_68af0b4d2f0481a2a4c3e0d9b7a6f5e4' }] });
  });

  it('store: false keeps nothing', async () => {
    const storeEnv = withStore();
    openaiAnswers('json');
    await (await post({ model: 'gpt-4.1', input: 'x', store: false }, storeEnv)).text();
    expect((await get(ANSWER.id, storeEnv)).status).toBe(404);
  });
});

describe('state the proxy does not have', () => {
  it.each([
    ['no store', () => testEnv],
    ['an id the store lacks', withStore],
  ])('%s: a native target gets previous_response_id as sent; a translated one a 400', async (_case, envOf) => {
    const env = envOf();
    const upstream = openaiAnswers('json');
    const body = { model: 'gpt-4.1', input: 'Shorter.', previous_response_id: 'resp_kept_by_openai' };
    expect(await (await post(body, env)).text()).toBe(ANSWER_BYTES);
    expect(upstream[0]).toEqual(body);
    // What continued state only OpenAI holds is not kept: replayed from here, that state would be missing.
    expect((await get(ANSWER.id, env)).status).toBe(env === testEnv ? 400 : 404);

    const refused = await post({ ...body, model: 'deepseek-chat' }, env);
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { code: string; param: string } };
    expect(error).toMatchObject({
      param: 'previous_response_id',
      code: env === testEnv ? 'stateless_proxy' : 'previous_response_not_found',
    });
  });
});
