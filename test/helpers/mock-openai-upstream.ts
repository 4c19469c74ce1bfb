/**
 * A loopback OpenAI-compatible upstream for end-to-end tests (real sockets, so it also serves a
 * proxy running under workerd). Records every request; `slow` streams never finish, so a test can
 * see the proxy close the upstream connection when its client goes away; `reject-key` gets the
 * 401 an upstream gives a wrong provider key, echoing the key as OpenAI does. A request with
 * `reasoning_effort` gets reasoning_content; `/embeddings` answers one vector per input, in
 * reverse order with their indexes, as the API allows.
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
  /** how many slow streams the proxy has closed so far, for suites that run after the first close */
  readonly closedSlowStreams: number;
  close(): Promise<void>;
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-e2e', object: 'chat.completion.chunk', created: 1732000000, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

export async function startMockUpstream(): Promise<MockUpstream> {
  const requests: RecordedRequest[] = [];
  let markClosed: () => void = () => undefined;
  const slowStreamClosed = new Promise<void>((resolve) => (markClosed = resolve));
  let closedSlowStreams = 0;

  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const part of req) raw += part;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (req.url?.endsWith('/embeddings')) {
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      const data = inputs.map((_, index) => ({ index, object: 'embedding', embedding: [index, 0.5, -0.5] })).reverse();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', model: body.model, data, usage: { prompt_tokens: 3, total_tokens: 3 } }));
      return;
    }
    const messages = (body.messages as Array<{ content: unknown }> | undefined) ?? [];
    const last = JSON.stringify(messages.at(-1)?.content ?? '');
    const reasoning = body.reasoning_effort ? 'Thinking it over.' : undefined;

    if (last.includes('reject-key')) {
      res.writeHead(401, { 'content-type': 'application/json' });
      const message = `Incorrect API key provided: ${String(req.headers.authorization).replace(/^Bearer /, '')}`;
      res.end(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }));
      return;
    }
    if (last.includes('slow')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: '' }));
      const timer = setInterval(() => res.write(chunk({ content: '.' })), 50);
      res.on('close', () => {
        clearInterval(timer);
        closedSlowStreams += 1;
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
      if (reasoning) res.write(chunk({ reasoning_content: reasoning }));
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
        choices: [
          { index: 0, message: { role: 'assistant', content: `echo: ${last}`, reasoning_content: reasoning }, finish_reason: 'stop' },
        ],
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
    get closedSlowStreams() {
      return closedSlowStreams;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
