/**
 * A loopback OpenAI-compatible upstream for end-to-end tests (real sockets, so it also serves a
 * proxy running under workerd). Records every request; `slow` streams never finish, so a test can
 * see the proxy close the upstream connection when its client goes away.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface MockUpstream {
  url: string;
  requests: RecordedRequest[];
  /** resolves when the upstream sees a slow stream's connection closed by the proxy */
  slowStreamClosed: Promise<void>;
  close(): Promise<void>;
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-e2e', object: 'chat.completion.chunk', created: 1732000000, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

export async function startMockUpstream(): Promise<MockUpstream> {
  const requests: RecordedRequest[] = [];
  let markClosed: () => void = () => undefined;
  const slowStreamClosed = new Promise<void>((resolve) => (markClosed = resolve));

  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const part of req) raw += part;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const messages = (body.messages as Array<{ content: unknown }> | undefined) ?? [];
    const last = JSON.stringify(messages.at(-1)?.content ?? '');

    if (last.includes('slow')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: '' }));
      const timer = setInterval(() => res.write(chunk({ content: '.' })), 50);
      res.on('close', () => {
        clearInterval(timer);
        markClosed();
      });
      return;
    }
    if (body.tools) {
      const call = { id: 'call_e2e', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(
          chunk({
            role: 'assistant',
            content: null,
            tool_calls: [{ index: 0, ...call, function: { name: 'get_weather', arguments: '' } }],
          }),
        );
        res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }));
        res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }));
        res.end(`${chunk({}, 'tool_calls')}data: [DONE]\n\n`);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-e2e',
          object: 'chat.completion',
          created: 1732000000,
          model: 'gpt-4o-mini',
          choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [call] }, finish_reason: 'tool_calls' }],
          usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 },
        }),
      );
      return;
    }
    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: '' }));
      res.write(chunk({ content: 'Hello' }));
      res.write(chunk({ content: ' there' }));
      res.write(chunk({}, 'stop'));
      const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 };
      if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
        res.write(
          `data: ${JSON.stringify({ id: 'chatcmpl-e2e', object: 'chat.completion.chunk', created: 1732000000, model: 'gpt-4o-mini', choices: [], usage })}\n\n`,
        );
      }
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-e2e',
        object: 'chat.completion',
        created: 1732000000,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content: `echo: ${last}` }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    slowStreamClosed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
