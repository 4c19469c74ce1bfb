/**
 * Gemini (AI Studio) end to end over real sockets: the openai client -> the proxy on Node and
 * under workerd -> a loopback generateContent endpoint. Covers the key header, SSE with CRLF,
 * the last event's content and finish, and a tool loop that keeps its thought signature.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROXY_KEY } from '../helpers/test-env';
import { describeOn, runtimes, type RunningProxy } from '../helpers/start-proxy';

const SIGNATURE = 'c2lnbmF0dXJlLWZyb20tZ2VtaW5p';

interface Seen {
  url: string;
  key: string | undefined;
  body: { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> };
}

async function startGemini(seen: Seen[]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const part of req) raw += part;
    const body = JSON.parse(raw) as Seen['body'];
    seen.push({ url: req.url ?? '', key: req.headers['x-goog-api-key'] as string | undefined, body });
    const lastTurn = body.contents.at(-1)!;
    const answered = lastTurn.parts.some((p) => p.functionResponse);
    if (req.url?.includes(':streamGenerateContent')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const events = [
        {
          candidates: [{ content: { role: 'model', parts: [{ text: 'Bonjour' }] }, index: 0 }],
          responseId: 'e2e-stream',
          modelVersion: 'gemini-2.5-flash',
        },
        {
          candidates: [{ content: { role: 'model', parts: [{ text: ' le monde' }] }, finishReason: 'STOP', index: 0 }],
          usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 3, totalTokenCount: 7 },
          responseId: 'e2e-stream',
          modelVersion: 'gemini-2.5-flash',
        },
      ];
      res.end(events.map((e) => `data: ${JSON.stringify(e)}\r\n\r\n`).join(''));
      return;
    }
    const parts = answered
      ? [{ text: 'It is sunny.' }]
      : [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: SIGNATURE }];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
        responseId: answered ? 'e2e-answer' : 'e2e-call',
        modelVersion: 'gemini-3-pro-preview',
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

for (const runtime of runtimes) {
  describeOn(runtime, 'Gemini through the openai client', () => {
    const seen: Seen[] = [];
    let upstream: { url: string; close(): Promise<void> };
    let proxy: RunningProxy;
    let client: OpenAI;

    beforeAll(async () => {
      upstream = await startGemini(seen);
      proxy = await runtime.start({ API_KEY: PROXY_KEY, GOOGLE_GEN_AI_API_KEY: 'e2e-google-key', GOOGLE_GEN_AI_BASE_URL: upstream.url });
      client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: PROXY_KEY, maxRetries: 0 });
    });
    afterAll(async () => {
      await proxy?.stop();
      await upstream?.close();
    });

    it('streams every event, the last one included, with the key in a header', async () => {
      const stream = await client.chat.completions.create({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let finish: string | null = null;
      let total = 0;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        total = chunk.usage?.total_tokens ?? total;
      }
      expect(text).toBe('Bonjour le monde');
      expect(finish).toBe('stop');
      expect(total).toBe(7);
      expect(seen.at(-1)?.url).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
      expect(seen.at(-1)?.key).toBe('e2e-google-key');
    });

    it('keeps the thought signature through a tool loop', async () => {
      const tools: OpenAI.ChatCompletionTool[] = [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
      ];
      const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
      const first = await client.chat.completions.create({ model: 'gemini-3-pro-preview', messages, tools });
      const assistant = first.choices[0]!.message;
      expect(first.choices[0]?.finish_reason).toBe('tool_calls');
      messages.push(assistant, { role: 'tool', tool_call_id: assistant.tool_calls![0]!.id, content: '{"sky":"sunny"}' });
      const second = await client.chat.completions.create({ model: 'gemini-3-pro-preview', messages, tools });
      expect(second.choices[0]?.message.content).toBe('It is sunny.');
      const replayed = seen.at(-1)!.body.contents[1]!.parts[0]!;
      expect(replayed).toEqual({ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: SIGNATURE });
      expect(seen.at(-1)!.body.contents[2]!.parts[0]).toEqual({ functionResponse: { name: 'get_weather', response: { sky: 'sunny' } } });
    });

    it('serves Gemini to an Ollama client too', async () => {
      const ollama = new Ollama({ host: proxy.url, headers: { Authorization: `Bearer ${PROXY_KEY}` } });
      let text = '';
      for await (const part of await ollama.chat({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      })) {
        text += part.message.content;
      }
      expect(text).toBe('Bonjour le monde');
    });
  });
}
