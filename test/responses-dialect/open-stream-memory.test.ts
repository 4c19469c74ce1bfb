/**
 * What an open Responses stream translated to another vendor keeps in memory: a gateway holds
 * thousands of them at once (agents stream for minutes), so each byte is one per stream.
 * It holds no copy of the client's input when the answer is not stored (`store: false`, as Codex
 * sends it): a Codex turn's input is hundreds of kB, once per open stream. The upstream's chat
 * stream (OpenAI's wire, from DeepSeek) sends one chunk and stays open.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ChatChunk } from '../../src/core/types';
import { convertResponsesTools } from '../../src/dialects/openai-responses/convert-responses-tools';
import { newResponseObject } from '../../src/dialects/openai-responses/new-response-object';
import { ResponsesStreamTranslator } from '../../src/dialects/openai-responses/responses-stream';
import type { ResponsesRequest } from '../../src/dialects/openai-responses/responses-types';
import { collectGarbage, isCollected } from '../helpers/collected';
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

/** A translator as a stream of text leaves it: started, one delta in. */
function openTextStream(): ResponsesStreamTranslator {
  const body: ResponsesRequest = { model: 'm', input: 'hi' };
  const translator = new ResponsesStreamTranslator(newResponseObject(body), convertResponsesTools(body).index);
  translator.start();
  translator.push({ ...chunk, choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null }] } as ChatChunk);
  return translator;
}

describe("an open Responses stream's translator", () => {
  it('keeps under 1.5 kB for a stream of text: no empty Maps of its own (calls, tools), flat ids', async () => {
    await collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const open = Array.from({ length: 5_000 }, openTextStream);
    await collectGarbage();
    const perStream = (process.memoryUsage().heapUsed - before) / open.length;
    // About 1.3 kB: the response object, its message item and the translator. Two empty Maps
    // added about 360 bytes, ids built by appending about 1.6 kB.
    expect(perStream).toBeLessThan(1_500);
  });
});
