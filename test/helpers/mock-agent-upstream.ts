/**
 * A loopback upstream that plays one agent turn loop, for driving a real coding agent (Claude
 * Code, Codex) through the proxy: a plan, chosen from the tools on offer, names the calls to make
 * in order (by default `Bash` with `echo ok`); each turn makes the next call, one per tool result
 * the conversation carries so far, and once all are made it answers with text quoting the last
 * result (so the caller can tell the tool really ran). It speaks OpenAI chat, OpenAI Responses
 * (streamed), Anthropic Messages (and count_tokens) and Gemini generateContent (and countTokens),
 * streamed and not, and records every request it gets. Wire formats follow the vendors' API
 * references:
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOOL_COMMAND = 'echo ok';
export const finalText = (toolOutput: string) => `The tool printed: ${toolOutput}`;

/** One call the upstream makes: a function's name and arguments (a freeform tool's are `{ input }`, as the proxy declares it). */
export interface AgentCall {
  readonly name: string;
  readonly args: Record<string, unknown>;
}

/** The calls to make, in order, given the tool names on offer. */
export type AgentPlan = (offered: readonly string[]) => readonly AgentCall[];

const bashPlan: AgentPlan = (offered) =>
  offered.includes('Bash') ? [{ name: 'Bash', args: { command: TOOL_COMMAND, description: 'Print ok' } }] : [];

export interface AgentTurn {
  family: 'openai' | 'openai-responses' | 'anthropic' | 'gemini';
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
type Reply = { toolCall: true; call: AgentCall; id: string } | { toolCall: false; text: string };

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

/** The next call of the plan, or the final text once every call has its result. */
function decide(plan: AgentPlan, offered: string[], results: unknown[]): Reply {
  const calls = plan(offered);
  if (results.length < calls.length) return { toolCall: true, call: calls[results.length]!, id: `call_${results.length + 1}` };
  if (results.length) return { toolCall: false, text: finalText(textOf(results.at(-1)).trim()) };
  return { toolCall: false, text: 'ok' };
}

const sse = (res: ServerResponse, frames: string[]) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.end(frames.join(''));
};
const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
function answerOpenAI(res: ServerResponse, body: Json, plan: AgentPlan): Reply {
  const messages = (body.messages ?? []) as Json[];
  const offered = ((body.tools ?? []) as Json[]).map((t) => String(t.function?.name));
  const reply = decide(
    plan,
    offered,
    messages.filter((m) => m.role === 'tool').map((m) => m.content),
  );
  const model = String(body.model);
  const call = reply.toolCall
    ? { id: reply.id, type: 'function', function: { name: reply.call.name, arguments: JSON.stringify(reply.call.args) } }
    : undefined;
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
  // Arguments in small pieces, as vendors stream them, so a split inside a JSON string is exercised.
  const content = reply.toolCall
    ? [
        chunk({ tool_calls: [{ index: 0, ...call, function: { name: reply.call.name, arguments: '' } }] }),
        ...pieces(call!.function.arguments).map((part) => chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] })),
      ]
    : [chunk({ content: reply.text })];
  sse(res, [
    chunk({ role: 'assistant', content: '' }),
    ...content,
    chunk({}, finish),
    `data: ${JSON.stringify({ id: 'chatcmpl-a', object: 'chat.completion.chunk', created: 1, model, choices: [], usage })}\n\n`,
    'data: [DONE]\n\n',
  ]);
  return reply;
}

function answerAnthropic(res: ServerResponse, body: Json, plan: AgentPlan): Reply {
  const results = ((body.messages ?? []) as Json[])
    .flatMap((m) => (Array.isArray(m.content) ? (m.content as Json[]) : []))
    .filter((b) => b.type === 'tool_result')
    .map((b) => b.content ?? '');
  const offered = ((body.tools ?? []) as Json[]).map((t) => String(t.name));
  const reply = decide(plan, offered, results);
  const block = reply.toolCall
    ? { type: 'tool_use', id: `toolu_${reply.id}`, name: reply.call.name, input: reply.call.args }
    : { type: 'text', text: reply.text };
  const stopReason = reply.toolCall ? 'tool_use' : 'end_turn';
  const message = { id: 'msg_a', type: 'message', role: 'assistant', model: body.model, stop_sequence: null };
  if (body.stream !== true) {
    json(res, { ...message, content: [block], stop_reason: stopReason, usage: { input_tokens: 100, output_tokens: 10 } });
    return reply;
  }
  const event = (type: string, data: Json) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const opened = reply.toolCall ? { ...block, input: {} } : { type: 'text', text: '' };
  const deltas = reply.toolCall
    ? pieces(JSON.stringify(reply.call.args)).map((part) => ({ type: 'input_json_delta', partial_json: part }))
    : [{ type: 'text_delta', text: reply.text }];
  sse(res, [
    event('message_start', { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 100, output_tokens: 1 } } }),
    event('content_block_start', { index: 0, content_block: opened }),
    ...deltas.map((delta) => event('content_block_delta', { index: 0, delta })),
    event('content_block_stop', { index: 0 }),
    event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 10 } }),
    event('message_stop', {}),
  ]);
  return reply;
}

function answerGemini(res: ServerResponse, body: Json, model: string, stream: boolean, plan: AgentPlan): Reply {
  const results = ((body.contents ?? []) as Json[])
    .flatMap((c) => (c.parts ?? []) as Json[])
    .filter((p) => p.functionResponse)
    .map((p) => p.functionResponse.response ?? '');
  const declarations = ((body.tools ?? []) as Json[]).flatMap((t) => (t.functionDeclarations ?? []) as Json[]);
  const reply = decide(
    plan,
    declarations.map((d) => String(d.name)),
    results,
  );
  const part = reply.toolCall ? { functionCall: { name: reply.call.name, args: reply.call.args } } : { text: reply.text };
  const answer = {
    candidates: [{ index: 0, content: { role: 'model', parts: [part] }, finishReason: 'STOP' }],
    usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 10, totalTokenCount: 110 },
    modelVersion: model,
  };
  if (stream) sse(res, [`data: ${JSON.stringify(answer)}\r\n\r\n`]);
  else json(res, answer);
  return reply;
}

/** A Responses stream (always streamed: the mock serves Codex, which never asks otherwise); a freeform tool's call is a `custom_tool_call`. */
function answerResponses(res: ServerResponse, body: Json, plan: AgentPlan): Reply {
  const tools = ((body.tools ?? []) as Json[]).flatMap((t) => (t.type === 'namespace' ? [] : [t]));
  const results = ((body.input ?? []) as Json[])
    .filter((item) => item.type === 'function_call_output' || item.type === 'custom_tool_call_output')
    .map((item) => item.output);
  const reply = decide(
    plan,
    tools.map((t) => String(t.name)),
    results,
  );
  let sequence = 0;
  const event = (type: string, data: Json) => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`;
  const response = {
    id: 'resp_agent',
    object: 'response',
    created_at: 1,
    model: body.model,
    status: 'in_progress',
    output: [],
    usage: null,
  };
  const at = { item_id: 'item_1', output_index: 0 };
  let frames: string[];
  let item: Json;
  if (!reply.toolCall) {
    item = {
      id: at.item_id,
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: reply.text, annotations: [], logprobs: [] }],
    };
    const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
    frames = [
      event('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } }),
      event('response.content_part.added', { ...at, content_index: 0, part }),
      event('response.output_text.delta', { ...at, content_index: 0, delta: reply.text, logprobs: [] }),
      event('response.output_text.done', { ...at, content_index: 0, text: reply.text, logprobs: [] }),
      event('response.content_part.done', { ...at, content_index: 0, part: { ...part, text: reply.text } }),
    ];
  } else if (tools.find((t) => t.name === reply.call.name)?.type === 'custom') {
    const input = String(reply.call.args.input);
    item = { id: at.item_id, type: 'custom_tool_call', status: 'completed', call_id: reply.id, name: reply.call.name, input };
    frames = [
      event('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', input: '' } }),
      ...pieces(input).map((delta) => event('response.custom_tool_call_input.delta', { ...at, delta })),
      event('response.custom_tool_call_input.done', { ...at, input }),
    ];
  } else {
    const args = JSON.stringify(reply.call.args);
    item = { id: at.item_id, type: 'function_call', status: 'completed', call_id: reply.id, name: reply.call.name, arguments: args };
    frames = [
      event('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } }),
      ...pieces(args).map((delta) => event('response.function_call_arguments.delta', { ...at, delta })),
      event('response.function_call_arguments.done', { ...at, name: reply.call.name, arguments: args }),
    ];
  }
  const usage = {
    input_tokens: 100,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 10,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 110,
  };
  sse(res, [
    event('response.created', { response }),
    event('response.in_progress', { response }),
    ...frames,
    event('response.output_item.done', { output_index: 0, item }),
    event('response.completed', { response: { ...response, status: 'completed', output: [item], usage } }),
  ]);
  return reply;
}

/** A text in pieces of a few characters. */
const pieces = (text: string, size = 7): string[] =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

export async function startAgentUpstream(plan: AgentPlan = bashPlan): Promise<AgentUpstream> {
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
      const reply = answerGemini(res, body, name, stream, plan);
      return turn('gemini', name, stream, reply.toolCall ? 'tool_call' : 'text');
    }
    if (url.includes('/messages/count_tokens')) {
      turn('anthropic', String(body.model), false, 'count');
      return json(res, { input_tokens: Math.ceil(raw.length / 4) });
    }
    const family: AgentTurn['family'] = url.includes('/messages')
      ? 'anthropic'
      : url.endsWith('/responses')
        ? 'openai-responses'
        : 'openai';
    const answer = { anthropic: answerAnthropic, 'openai-responses': answerResponses, openai: answerOpenAI }[family];
    const reply = answer(res, body, plan);
    turn(family, String(body.model), body.stream === true, reply.toolCall ? 'tool_call' : 'text');
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
