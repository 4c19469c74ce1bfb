/**
 * A loopback upstream speaking OpenAI chat, Anthropic Messages and Gemini generateContent that
 * misbehaves on cue, for the gateway layer's end-to-end tests. `plan(model, ...faults)` queues
 * what the next requests for that model get; once the queue is empty, a short correct answer.
 * Wire formats: OpenAI chat completions and SSE chunks, Anthropic Messages and its SSE events
 * (message_start ... message_stop, `event: error`), Gemini GenerateContentResponse and its
 * `alt=sse` stream, as their API references document them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { status: number; headers?: Record<string, string> }
  /** accepts the request and never answers */
  | 'hang'
  /** a 200 stream whose first event is the vendor's overloaded error */
  | 'overloaded-stream';

export interface SeenRequest {
  family: 'openai' | 'anthropic' | 'gemini';
  model: string;
  key: string | undefined;
  stream: boolean;
}

export interface FaultyUpstream {
  url: string;
  seen: SeenRequest[];
  /** connections the proxy closed before the answer was complete */
  readonly abandoned: number;
  /** TCP connections the proxy opened so far */
  readonly connections: number;
  plan(model: string, ...faults: Fault[]): void;
  reset(): void;
  close(): Promise<void>;
}

// As vendors do, the chunked body ends a moment after its last event.
const sse = (res: ServerResponse, frames: string[]) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(frames.join(''));
  setTimeout(() => res.end(), 5);
};

function answerOpenAI(res: ServerResponse, model: string, stream: boolean, fault: Fault | undefined) {
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-f', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  if (fault === 'overloaded-stream') return sse(res, [`data: ${JSON.stringify({ error: { message: 'overloaded', code: 503 } })}\n\n`]);
  if (stream)
    return sse(res, [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: `hi from ${model}` }),
      chunk({}, 'stop'),
      'data: [DONE]\n\n',
    ]);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-f',
      object: 'chat.completion',
      created: 1,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: `hi from ${model}` }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    }),
  );
}

function answerAnthropic(res: ServerResponse, model: string, stream: boolean, fault: Fault | undefined) {
  const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const start = event('message_start', {
    message: {
      id: 'msg_f',
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      usage: { input_tokens: 3, output_tokens: 1 },
    },
  });
  if (fault === 'overloaded-stream')
    return sse(res, [start, event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } })]);
  if (stream) {
    return sse(res, [
      start,
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: `hi from ${model}` } }),
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 4 } }),
      event('message_stop', {}),
    ]);
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'msg_f',
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: `hi from ${model}` }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 4 },
    }),
  );
}

function answerGemini(res: ServerResponse, model: string, stream: boolean) {
  const body = {
    candidates: [{ index: 0, content: { role: 'model', parts: [{ text: `hi from ${model}` }] }, finishReason: 'STOP' }],
    usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 },
    modelVersion: model,
  };
  if (stream) return sse(res, [`data: ${JSON.stringify(body)}\r\n\r\n`]);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function whoIsAsked(req: IncomingMessage, body: Record<string, unknown>): Omit<SeenRequest, 'key'> {
  const url = req.url ?? '';
  const gemini = /\/models\/([^:/]+):(generateContent|streamGenerateContent)/.exec(url);
  if (gemini) return { family: 'gemini', model: decodeURIComponent(gemini[1]!), stream: gemini[2] === 'streamGenerateContent' };
  return { family: url.endsWith('/messages') ? 'anthropic' : 'openai', model: String(body.model), stream: body.stream === true };
}

export async function startFaultyUpstream(): Promise<FaultyUpstream> {
  const seen: SeenRequest[] = [];
  const plans = new Map<string, Fault[]>();
  let abandoned = 0;
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const part of req) raw += part;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const asked = whoIsAsked(req, body);
    const auth = req.headers.authorization?.replace(/^Bearer /, '');
    seen.push({
      ...asked,
      key: auth ?? (req.headers['x-api-key'] as string | undefined) ?? (req.headers['x-goog-api-key'] as string | undefined),
    });
    let complete = false;
    res.on('finish', () => (complete = true));
    res.on('close', () => {
      if (!complete) abandoned += 1;
    });
    const fault = plans.get(asked.model)?.shift();
    if (fault === 'hang') return;
    if (typeof fault === 'object') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify({ error: { message: `planned ${fault.status}`, type: 'error' } }));
      return;
    }
    if (asked.family === 'anthropic') return answerAnthropic(res, asked.model, asked.stream, fault);
    if (asked.family === 'gemini') return answerGemini(res, asked.model, asked.stream);
    return answerOpenAI(res, asked.model, asked.stream, fault);
  });
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    get abandoned() {
      return abandoned;
    },
    get connections() {
      return connections;
    },
    plan: (model, ...faults) => plans.set(model, [...(plans.get(model) ?? []), ...faults]),
    reset: () => {
      seen.length = 0;
      plans.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
