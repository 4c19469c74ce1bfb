/**
 * An open Responses stream translated to another vendor holds no copy of the client's input when
 * the answer is not stored (`store: false`, as Codex sends it): a Codex turn's input is hundreds of
 * kB, once per open stream. The upstream's chat stream (OpenAI's wire, from DeepSeek) sends one
 * chunk and stays open.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { isCollected } from '../helpers/collected';
import { postResponses } from '../helpers/post-responses';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const chunk = {
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'deepseek-chat',
  choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }],
};

describe('an open translated Responses stream', () => {
  it("keeps no reference to the client's input when the answer is not stored", async () => {
    server.use(
      http.post('https://api.deepseek.com/chat/completions', () => {
        const body = new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(chunk)}\n\n`)),
        });
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    // The parsed body is made inside the proxy: its input is caught as JSON.parse makes it (by
    // hand, not with vi.spyOn, which would keep every value it returned).
    const parse = JSON.parse;
    let input: WeakRef<object> | undefined;
    JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]) => {
      const value = parse(text, reviver);
      if (typeof text === 'string' && text.includes('a long conversation')) input = new WeakRef(value.input);
      return value;
    };
    onTestFinished(() => {
      JSON.parse = parse;
    });
    const open = async () => {
      const response = await postResponses({
        model: 'deepseek-chat',
        stream: true,
        store: false,
        input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'a long conversation' }] }],
      });
      const reader = response.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      return { reader, first };
    };
    const { reader, first } = await open();
    expect(first).toContain('response.created');
    expect(input).toBeDefined();
    expect(await isCollected(input!)).toBe(true);
    await reader.cancel();
  });
});
