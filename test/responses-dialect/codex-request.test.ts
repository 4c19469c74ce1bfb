/**
 * What Codex CLI 0.171.0 really sends (recorded by scripts/codex-smoke.ts), replayed to DeepSeek:
 * valid against our spec, its function and namespaced tools sent upstream, `web_search` left out
 * and named, and the stream it gets has what Codex waits for (`response.output_item.done`, then
 * `response.completed`). The upstream stream follows DeepSeek's documented chat streaming format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import * as v from 'valibot';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { vCreateResponse } from '../../generated/openai/valibot.gen';
import { handle } from '../../src/app';
import { readResponsesEvents } from '../helpers/responses-fixture';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const { request } = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'codex-0.171.0-first-turn.json'), 'utf8')) as {
  request: Record<string, unknown>;
};
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it("Codex's first turn goes through to DeepSeek and gets a stream Codex can finish", async () => {
  expect(v.safeParse(vCreateResponse, request).issues).toBeUndefined();
  let sent: Record<string, any> = {};
  const call = { index: 0, id: 'call_1', type: 'function', function: { name: 'exec_command', arguments: '{"cmd":"echo codex-smoke-ok"}' } };
  server.use(
    http.post('https://api.deepseek.com/chat/completions', async ({ request: upstream }) => {
      sent = (await upstream.json()) as Record<string, any>;
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'deepseek-chat', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      return new HttpResponse(
        `${chunk({ role: 'assistant', content: null, tool_calls: [call] }, null)}${chunk({}, 'tool_calls')}data: [DONE]\n\n`,
        {
          headers: { 'content-type': 'text/event-stream' },
        },
      );
    }),
  );
  const response = await handle(
    new Request('http://proxy.test/v1/responses', {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    }),
    testEnv,
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('x-proxy-dropped-tools')).toBe('web_search');
  expect(sent.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual([
    'exec_command',
    'write_stdin',
    'request_user_input',
    'view_image',
    'multi_agent_v1__close_agent',
    'multi_agent_v1__resume_agent',
    'multi_agent_v1__send_input',
    'multi_agent_v1__spawn_agent',
    'multi_agent_v1__wait_agent',
    'get_goal',
    'create_goal',
    'update_goal',
  ]);
  expect(sent.messages.map((m: { role: string }) => m.role)).toEqual(['developer', 'developer', 'user', 'user']);
  const events = await readResponsesEvents(response);
  expect(events.map((e) => e.type).slice(-3)).toEqual([
    'response.function_call_arguments.done',
    'response.output_item.done',
    'response.completed',
  ]);
  expect(events.at(-2)).toMatchObject({
    item: { type: 'function_call', call_id: 'call_1', name: 'exec_command', arguments: '{"cmd":"echo codex-smoke-ok"}' },
  });
});
