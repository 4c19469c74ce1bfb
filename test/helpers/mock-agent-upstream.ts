/**
 * A loopback upstream that plays one agent turn loop, for driving a real coding agent (Claude
 * Code) through the proxy: asked with a `Bash` tool on offer and no tool result yet, it calls
 * `Bash` with `echo ok`; once the conversation carries the tool's result, it answers with text
 * quoting that result (so the caller can tell the tool really ran). It speaks OpenAI chat,
 * Anthropic Messages (and count_tokens) and Gemini generateContent (and countTokens), streamed
 * and not, and records every request it gets. Wire formats follow the vendors' API references:
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOOL_COMMAND = 'echo ok';
export const finalText = (toolOutput: string) => `The tool printed: ${toolOutput}`;

export interface AgentTurn {
  family: 'openai' | 'anthropic' | 'gemini';
  url: string;
  model: string;
  stream: boolean;
  answered: 'tool_call' | 'text' | 'count';
  /** the request body as the proxy sent it */
  body: unknown;
}

export interface AgentUpstream {
  url: string;
  turns: AgentTurn[];
  close(): Promise<void>;
}

type Json = Record<string, any>;
type Reply = { toolCall: true } | { toolCall: false; text: string };

/** The text of a tool result in any of the three wires' shapes (string or content blocks). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('');
  if (value && typeof value === 'object') {
    const v = value as Json;
    return textOf(v.text ?? v.content ?? v.output ?? v.result ?? '');
  }
  return '';
}

function decide(offersBash: boolean, toolResult: unknown): Reply {
  if (toolResult !== undefined) return { toolCall: false, text: finalText(textOf(toolResult).trim()) };
  return offersBash ? { toolCall: true } : { toolCall: false, text: 'ok' };
}

const sse = (res: ServerResponse, frames: string[]) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.end(frames.join(''));
};
const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const bashInput = { command: TOOL_COMMAND, description: 'Print ok' };

function answerOpenAI(res: ServerResponse, body: Json): Reply {
  const messages = (body.messages ?? []) as Json[];
  const last = messages.at(-1);
  const offersBash = ((body.tools ?? []) as Json[]).some((t) => t.function?.name === 'Bash');
  const reply = decide(offersBash, last?.role === 'tool' ? last.content : undefined);
  const model = String(body.model);
  const call = { id: 'call_bash_1', type: 'function', function: { name: 'Bash', arguments: JSON.stringify(bashInput) } };
  const usage = { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 };
  const finish = reply.toolCall ? 'tool_calls' : 'stop';
  if (body.stream !== true) {
    const message = reply.toolCall ? { role: 'assistant', content: null, tool_calls: [call] } : { role: 'assistant', content: reply.text };
    json(res, {
      id: 'chatcmpl-a',
      object: 'chat.completion',
      created: 1,
      model,
      choices: [{ index: 0, message, finish_reason: finish }],
      usage,
    });
    return reply;
  }
  const chunk = (delta: Json, finishReason: string | null = null, extra: Json = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-a', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`;
  const content = reply.toolCall ? chunk({ tool_calls: [{ index: 0, ...call }] }) : chunk({ content: reply.text });
  sse(res, [
    chunk({ role: 'assistant', content: '' }),
    content,
    chunk({}, finish),
    `data: ${JSON.stringify({ id: 'chatcmpl-a', object: 'chat.completion.chunk', created: 1, model, choices: [], usage })}\n\n`,
    'data: [DONE]\n\n',
  ]);
  return reply;
}

function answerAnthropic(res: ServerResponse, body: Json): Reply {
  const last = ((body.messages ?? []) as Json[]).at(-1);
  const result = Array.isArray(last?.content) ? (last.content as Json[]).find((b) => b.type === 'tool_result') : undefined;
  const offersBash = ((body.tools ?? []) as Json[]).some((t) => t.name === 'Bash');
  const reply = decide(offersBash, result ? (result.content ?? '') : undefined);
  const block = reply.toolCall
    ? { type: 'tool_use', id: 'toolu_bash_1', name: 'Bash', input: bashInput }
    : { type: 'text', text: reply.text };
  const stopReason = reply.toolCall ? 'tool_use' : 'end_turn';
  const message = { id: 'msg_a', type: 'message', role: 'assistant', model: body.model, stop_sequence: null };
  if (body.stream !== true) {
    json(res, { ...message, content: [block], stop_reason: stopReason, usage: { input_tokens: 100, output_tokens: 10 } });
    return reply;
  }
  const event = (type: string, data: Json) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const opened = reply.toolCall ? { ...block, input: {} } : { type: 'text', text: '' };
  const delta = reply.toolCall
    ? { type: 'input_json_delta', partial_json: JSON.stringify(bashInput) }
    : { type: 'text_delta', text: reply.text };
  sse(res, [
    event('message_start', { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 100, output_tokens: 1 } } }),
    event('content_block_start', { index: 0, content_block: opened }),
    event('content_block_delta', { index: 0, delta }),
    event('content_block_stop', { index: 0 }),
    event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 10 } }),
    event('message_stop', {}),
  ]);
  return reply;
}

function answerGemini(res: ServerResponse, body: Json, model: string, stream: boolean): Reply {
  const parts = ((body.contents ?? []) as Json[]).at(-1)?.parts as Json[] | undefined;
  const result = parts?.find((p) => p.functionResponse)?.functionResponse;
  const declarations = ((body.tools ?? []) as Json[]).flatMap((t) => (t.functionDeclarations ?? []) as Json[]);
  const reply = decide(
    declarations.some((d) => d.name === 'Bash'),
    result ? (result.response ?? '') : undefined,
  );
  const part = reply.toolCall ? { functionCall: { name: 'Bash', args: bashInput } } : { text: reply.text };
  const answer = {
    candidates: [{ index: 0, content: { role: 'model', parts: [part] }, finishReason: 'STOP' }],
    usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 10, totalTokenCount: 110 },
    modelVersion: model,
  };
  if (stream) sse(res, [`data: ${JSON.stringify(answer)}\r\n\r\n`]);
  else json(res, answer);
  return reply;
}

export async function startAgentUpstream(): Promise<AgentUpstream> {
  const turns: AgentTurn[] = [];
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const part of req) raw += part;
    const body = (raw ? JSON.parse(raw) : {}) as Json;
    const url = req.url ?? '';
    const gemini = /\/models\/([^:/]+):(\w+)/.exec(url);
    const turn = (family: AgentTurn['family'], model: string, stream: boolean, answered: AgentTurn['answered']) =>
      turns.push({ family, url, model, stream, answered, body });
    if (gemini) {
      const [, model, method] = gemini as unknown as [string, string, string];
      const name = decodeURIComponent(model);
      if (method === 'countTokens') {
        turn('gemini', name, false, 'count');
        return json(res, { totalTokens: Math.ceil(raw.length / 4) });
      }
      const stream = method === 'streamGenerateContent';
      const reply = answerGemini(res, body, name, stream);
      return turn('gemini', name, stream, reply.toolCall ? 'tool_call' : 'text');
    }
    if (url.includes('/messages/count_tokens')) {
      turn('anthropic', String(body.model), false, 'count');
      return json(res, { input_tokens: Math.ceil(raw.length / 4) });
    }
    const anthropic = url.includes('/messages');
    const reply = anthropic ? answerAnthropic(res, body) : answerOpenAI(res, body);
    turn(anthropic ? 'anthropic' : 'openai', String(body.model), body.stream === true, reply.toolCall ? 'tool_call' : 'text');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    turns,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
