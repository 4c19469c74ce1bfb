/**
 * `item_reference` input items (the AI SDK sends one for each earlier output item when `store`
 * is on, its default) resolve from RESPONSES_STORE: an item of a stored response's output, or an
 * input item with an id of the request that asked for it. Without a store, a translated target
 * gets a 400 saying how to enable one, and a native one the reference as sent (OpenAI resolves
 * its own). The reference's shape is OpenAI's `{ "type": "item_reference", "id": ... }`; the
 * upstream answers follow DeepSeek's documented chat format.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 * @see https://api-docs.deepseek.com/api/create-chat-completion
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { ResponseObject } from '../../src/dialects/openai-responses/responses-types';
import { deepseekAnswers } from '../helpers/deepseek-answers';
import { postResponses } from '../helpers/post-responses';
import { testEnv } from '../helpers/test-env';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const post = postResponses;

it('with RESPONSES_STORE: references to an output item and to an input item become the stored items', async () => {
  const env = { ...testEnv, RESPONSES_STORE: 'memory' };
  const bodies = deepseekAnswers(server, 'Paris.', 'About 2.1 million.');
  const question = { type: 'message', id: 'msg_client_1', role: 'user', content: 'Capital of France?' };
  const first = (await (await post({ model: 'deepseek-chat', input: [question] }, env)).json()) as ResponseObject;
  const answer = first.output[0]!;
  const second = await post(
    {
      model: 'deepseek-chat',
      input: [
        { type: 'item_reference', id: 'msg_client_1' },
        { type: 'item_reference', id: (answer as { id: string }).id },
        { role: 'user', content: 'Its population?' },
      ],
    },
    env,
  );
  expect(second.status).toBe(200);
  expect(bodies[1]!.messages).toEqual([
    { role: 'user', content: 'Capital of France?' },
    { role: 'assistant', content: 'Paris.' },
    { role: 'user', content: 'Its population?' },
  ]);

  const unknown = await post({ model: 'deepseek-chat', input: [{ type: 'item_reference', id: 'msg_gone' }] }, env);
  expect(unknown.status).toBe(400);
  expect(((await unknown.json()) as { error: unknown }).error).toMatchObject({ param: 'input[0]', code: 'item_not_found' });
});

it('without a store: a 400 that says how to enable one for a translated target; a native one gets the reference', async () => {
  const refused = await post({ model: 'deepseek-chat', input: [{ type: 'item_reference', id: 'msg_1' }] }, testEnv);
  expect(refused.status).toBe(400);
  const { error } = (await refused.json()) as { error: { code: string; param: string; message: string } };
  expect(error).toMatchObject({ type: 'invalid_request_error', param: 'input[0]', code: 'stateless_proxy' });
  expect(error.message).toContain('RESPONSES_STORE=memory');

  const sent: unknown[] = [];
  server.use(
    http.post('https://api.openai.com/v1/responses', async ({ request }) => {
      sent.push(await request.json());
      return HttpResponse.json({ id: 'resp_1', object: 'response', status: 'completed', output: [] });
    }),
  );
  const body = { model: 'gpt-4.1', input: [{ type: 'item_reference', id: 'msg_1' }] };
  expect((await post(body, testEnv)).status).toBe(200);
  expect(sent).toEqual([body]);
});
