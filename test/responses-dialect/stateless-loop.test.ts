/**
 * The Responses dialect over translated targets, beyond the contract matrix: the store
 * (`previous_response_id`, `GET /v1/responses/{id}`) and the stateless 400 without one; a
 * freeform custom tool there and back; namespaced tools; Gemini's thought signature carried in a
 * reasoning item's `encrypted_content` and back upstream on replay; bad input in OpenAI's shape.
 * Upstream answers follow DeepSeek's and Gemini's documented chat formats.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import type { OutputItem, ResponseObject } from '../../src/dialects/openai-responses/responses-types';
import { readResponsesEvents } from '../helpers/responses-fixture';
import { postResponses } from '../helpers/post-responses';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const post = postResponses;

function deepseekAnswers(...messages: Array<Record<string, unknown>>) {
  const bodies: Array<Record<string, any>> = [];
  server.use(
    http.post('https://api.deepseek.com/chat/completions', async ({ request }) => {
      bodies.push((await request.json()) as Record<string, any>);
      const message = messages[bodies.length - 1]!;
      const finish_reason = message.tool_calls ? 'tool_calls' : 'stop';
      const usage = {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 3 },
      };
      const head = { id: `chatcmpl-${bodies.length}`, created: 1, model: 'deepseek-reasoner' };
      if (bodies.at(-1)!.stream) {
        const tool_calls = (message.tool_calls as unknown[] | undefined)?.map((call, index) => ({ index, ...(call as object) }));
        const chunk = {
          ...head,
          object: 'chat.completion.chunk',
          choices: [{ index: 0, delta: { role: 'assistant', ...message, tool_calls }, finish_reason }],
          usage,
        };
        return new HttpResponse(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`, { headers: { 'content-type': 'text/event-stream' } });
      }
      return HttpResponse.json({
        ...head,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason }],
        usage,
      });
    }),
  );
  return bodies;
}

describe('previous_response_id', () => {
  it('without a store: a 400 that says the proxy is stateless and how to keep responses', async () => {
    const response = await post({ model: 'deepseek-chat', input: 'Hi', previous_response_id: 'resp_1' }, testEnv);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: Record<string, string> };
    expect(error).toMatchObject({ type: 'invalid_request_error', param: 'previous_response_id', code: 'stateless_proxy' });
    expect(error.message).toContain('RESPONSES_STORE=memory');
    const get = await handle(
      new Request('http://proxy.test/v1/responses/resp_1', { headers: { authorization: `Bearer ${PROXY_KEY}` } }),
      testEnv,
    );
    expect(get.status).toBe(400);
  });

  it('with RESPONSES_STORE=memory: the stored conversation goes first, and GET returns the response', async () => {
    const env = { ...testEnv, RESPONSES_STORE: 'memory' };
    const bodies = deepseekAnswers({ content: 'Paris.', reasoning_content: 'The capital.' }, { content: 'About 2.1 million.' });
    const first = (await (
      await post({ model: 'deepseek-reasoner', instructions: 'Be brief.', input: 'Capital of France?' }, env)
    ).json()) as ResponseObject;
    expect(first.usage).toEqual({
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 4 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 3 },
      total_tokens: 15,
    });
    const second = await post({ model: 'deepseek-reasoner', input: 'Its population?', previous_response_id: first.id }, env);
    expect(second.status).toBe(200);
    expect(bodies[1]!.messages).toEqual([
      { role: 'user', content: 'Capital of France?' },
      { role: 'assistant', content: 'Paris.', reasoning_content: 'The capital.' },
      { role: 'user', content: 'Its population?' },
    ]);
    const got = await handle(
      new Request(`http://proxy.test/v1/responses/${first.id}`, { headers: { authorization: `Bearer ${PROXY_KEY}` } }),
      env,
    );
    expect(await got.json()).toEqual(first);
    const missing = await post({ model: 'deepseek-chat', input: 'x', previous_response_id: 'resp_gone' }, env);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('previous_response_not_found');
  });
});

describe('tools', () => {
  it('a freeform custom tool travels as a function of one string and comes back as a custom_tool_call', async () => {
    const patch = '*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch';
    const bodies = deepseekAnswers(
      {
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'apply_patch', arguments: JSON.stringify({ input: patch }) } }],
      },
      { content: 'Done.' },
    );
    const tools = [
      {
        type: 'custom',
        name: 'apply_patch',
        description: 'Edit files',
        format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' },
      },
      {
        type: 'namespace',
        name: 'mcp_fs',
        description: 'files',
        tools: [{ type: 'function', name: 'read', parameters: { type: 'object', properties: {} }, strict: null }],
      },
      { type: 'web_search' },
    ];
    const response = await post({ model: 'deepseek-chat', input: 'Add a.txt', tools, stream: true }, testEnv);
    expect(response.headers.get('x-proxy-dropped-tools')).toBe('web_search');
    const events = await readResponsesEvents(response);
    expect(events.filter((e) => e.type.startsWith('response.custom_tool_call_input')).map((e) => e.type)).toEqual([
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
    ]);
    const output = (events.at(-1) as { response: ResponseObject }).response.output;
    expect(output).toEqual([
      { id: expect.stringMatching(/^ctc_/), type: 'custom_tool_call', call_id: 'call_1', name: 'apply_patch', input: patch },
    ]);
    expect(bodies[0]!.tools.map((t: any) => t.function.name)).toEqual(['apply_patch', 'mcp_fs__read']);
    expect(bodies[0]!.tools[0].function.parameters.properties.input.description).toContain('start: "x"');

    await post(
      {
        model: 'deepseek-chat',
        input: [
          'Add a.txt',
          ...output,
          { type: 'custom_tool_call_output', call_id: 'call_1', output: [{ type: 'input_text', text: 'ok' }] },
        ].map((item) => (typeof item === 'string' ? { role: 'user', content: item } : item)),
        tools,
      },
      testEnv,
    );
    expect(bodies[1]!.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'apply_patch', arguments: JSON.stringify({ input: patch }) } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
    ]);
  });
});

describe('reasoning across a stateless tool loop', () => {
  it("Gemini's thought signature goes out in encrypted_content and back on the function call part", async () => {
    const sent: Array<Record<string, any>> = [];
    server.use(
      http.post('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent', async ({ request }) => {
        sent.push((await request.json()) as Record<string, any>);
        const part =
          sent.length === 1
            ? { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnbmF0dXJlLTE=' }
            : { text: 'Sunny.' };
        return HttpResponse.json({
          candidates: [{ content: { role: 'model', parts: [part] }, finishReason: 'STOP', index: 0 }],
          usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 },
          modelVersion: 'gemini-2.5-flash',
        });
      }),
    );
    const tools = [
      { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: null },
    ];
    const first = (await (
      await post({ model: 'gemini-2.5-flash', input: 'Weather in Paris?', tools, store: false }, testEnv)
    ).json()) as ResponseObject;
    const reasoning = first.output.find((item): item is Extract<OutputItem, { type: 'reasoning' }> => item.type === 'reasoning');
    expect(reasoning?.encrypted_content).toMatch(/^llm-api-proxy\.v1\./);
    const call = first.output.find((item) => item.type === 'function_call')!;
    const replay = [
      { role: 'user', content: 'Weather in Paris?' },
      ...first.output,
      { type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: 'Sunny' },
    ];
    const second = await post({ model: 'gemini-2.5-flash', input: replay, tools, store: false }, testEnv);
    expect(await second.text()).toContain('Sunny.');
    expect(sent[1]!.contents[1].parts).toEqual([
      { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnbmF0dXJlLTE=' },
    ]);
  });
});

describe('bad input', () => {
  it.each([
    [
      { model: 'deepseek-chat', input: [{ type: 'message', role: 'user', content: [{ type: 'input_txt', text: 'x' }] }] },
      'input[0].content[0].type',
    ],
    [{ model: 'deepseek-chat', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, 'input[0].call_id'],
    [{ model: 'deepseek-chat', input: 'x', tools: [{ type: 'function' }] }, 'tools[0].name'],
    [{ model: 'deepseek-chat', input: 'x', text: { format: { type: 'json_schema' } } }, 'text.format.name'],
    [{ model: 'deepseek-chat', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0]'],
    [{ model: 'deepseek-chat', input: 'x', background: true }, 'background'],
  ])('%j -> 400 naming %s', async (body, param) => {
    const response = await post(body, testEnv);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { param: string; type: string; message: string } };
    expect(error.type).toBe('invalid_request_error');
    expect(error.param).toBe(param);
    expect(error.message).toContain(param);
  });
});
