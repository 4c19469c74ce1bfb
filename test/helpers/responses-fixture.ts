/**
 * Fixtures seen from a Responses client: the Responses request that says what a fixture's chat
 * request says (assistant turns as reasoning, message and function_call items, the vendor's
 * replayable reasoning sealed in `encrypted_content` as the proxy hands it out), the events of a
 * Responses stream checked for order and numbering, and an answer folded into what it means, to
 * compare with the fixture's chat answer (ollama-fixture.ts's `meaningOf`).
 */
import * as v from 'valibot';
import { expect } from 'vitest';
import { vResponse, vResponseStreamEvent } from '../../generated/openai/valibot.gen';
import { sealReasoning } from '../../src/core/carried-reasoning';
import type { ResponseObject, ResponseStreamEvent } from '../../src/dialects/openai-responses/responses-types';
import { readServerSentEvents } from './read-sse';
import type { Meaning } from './ollama-fixture';

type Loose = Record<string, any>;

const inputPart = (part: Loose): Loose =>
  part.type === 'image_url'
    ? { type: 'input_image', image_url: part.image_url.url, ...(part.image_url.detail ? { detail: part.image_url.detail } : {}) }
    : part.type === 'file'
      ? { type: 'input_file', ...part.file }
      : { type: 'input_text', text: part.text };

const textOf = (content: unknown): string =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((p: Loose) => p.text ?? '').join('') : '';

/** The Responses request a client (Codex, the openai SDK) would send for the fixture's chat request. */
export function toResponsesRequest(chat: Loose): Loose {
  const input: Loose[] = [];
  for (const m of chat.messages as Loose[]) {
    if (m.role === 'assistant') {
      const signatures = Object.fromEntries(
        (m.tool_calls ?? []).filter((c: Loose) => c.extra_content).map((c: Loose) => [c.id, c.extra_content.google.thought_signature]),
      );
      const carried = {
        text: m.reasoning_content,
        details: m.reasoning_details,
        signatures: Object.keys(signatures).length ? signatures : undefined,
      };
      if (carried.text || carried.details || carried.signatures) {
        input.push({
          type: 'reasoning',
          id: 'rs_client',
          summary: m.reasoning_content ? [{ type: 'summary_text', text: m.reasoning_content }] : [],
          encrypted_content: sealReasoning(JSON.parse(JSON.stringify(carried))),
        });
      }
      if (textOf(m.content))
        input.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: textOf(m.content), annotations: [] }] });
      for (const call of m.tool_calls ?? [])
        input.push({ type: 'function_call', call_id: call.id, name: call.function.name, arguments: call.function.arguments });
    } else if (m.role === 'tool') {
      input.push({ type: 'function_call_output', call_id: m.tool_call_id, output: textOf(m.content) });
    } else {
      input.push({ type: 'message', role: m.role, content: typeof m.content === 'string' ? m.content : m.content.map(inputPart) });
    }
  }
  const request: Loose = { model: chat.model, input, stream: chat.stream === true };
  if (chat.tools) {
    request.tools = chat.tools.map((t: Loose) => ({
      type: 'function',
      name: t.function.name,
      description: t.function.description,
      parameters: t.function.parameters,
      strict: t.function.strict ?? null,
    }));
  }
  if (typeof chat.tool_choice === 'string') request.tool_choice = chat.tool_choice;
  else if (chat.tool_choice) request.tool_choice = { type: 'function', name: chat.tool_choice.function.name };
  if (chat.parallel_tool_calls != null) request.parallel_tool_calls = chat.parallel_tool_calls;
  const format = chat.response_format;
  if (format?.type === 'json_object') request.text = { format: { type: 'json_object' } };
  if (format?.type === 'json_schema') request.text = { format: { type: 'json_schema', ...format.json_schema } };
  if (chat.reasoning_effort) request.reasoning = { effort: chat.reasoning_effort };
  const limit = chat.max_completion_tokens ?? chat.max_tokens;
  if (limit != null) request.max_output_tokens = limit;
  for (const key of ['temperature', 'top_p', 'user', 'prompt_cache_key', 'metadata']) if (chat[key] != null) request[key] = chat[key];
  return request;
}

/** Every text, image, tool name and replayable signature of the conversation reached the upstream body. */
export function expectSameConversation(call: { url: string; body: unknown }, url: string, chat: Loose): void {
  expect(call.url).toBe(url);
  const sent = JSON.stringify(call.body);
  const contains = (text: string) =>
    expect(sent.includes(JSON.stringify(text).slice(1, -1)) || sent.includes(JSON.stringify(safeParse(text))), text).toBe(true);
  for (const m of chat.messages as Loose[]) {
    if (textOf(m.content)) contains(textOf(m.content));
    for (const part of Array.isArray(m.content) ? m.content : [])
      if (part.type === 'image_url' && part.image_url.url.startsWith('data:')) expect(sent).toContain(part.image_url.url.split(',')[1]);
    for (const call of m.tool_calls ?? []) {
      expect(sent).toContain(call.function.name);
      if (call.extra_content) expect(sent).toContain(call.extra_content.google.thought_signature);
    }
    for (const detail of m.reasoning_details ?? []) expect(sent).toContain(detail.signature ?? detail.data);
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The events of a Responses stream, each valid against specs/openai.yaml, numbered from 0 and in the documented order. */
export async function readResponsesEvents(response: Response): Promise<ResponseStreamEvent[]> {
  const events: ResponseStreamEvent[] = [];
  for await (const message of readServerSentEvents(response.body!)) {
    const event = JSON.parse(message.data) as ResponseStreamEvent;
    expect(message.event).toBe(event.type);
    expect(v.safeParse(vResponseStreamEvent, event).issues).toBeUndefined();
    events.push(event);
  }
  expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
  expect(events.slice(0, 2).map((e) => e.type)).toEqual(['response.created', 'response.in_progress']);
  expect(['response.completed', 'response.incomplete', 'response.failed']).toContain(events.at(-1)!.type);
  // Every item is added before its events and done once; the deltas add up to what `.done` says.
  const added = new Map<number, string>();
  const deltas = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'response.output_item.added') {
      expect(event.output_index).toBe(added.size);
      added.set(event.output_index, event.item.id!);
    } else if ('item_id' in event) {
      expect(added.get(event.output_index)).toBe(event.item_id);
      if ('delta' in event)
        deltas.set(
          event.item_id + event.type.replace(/\.delta$/, ''),
          (deltas.get(event.item_id + event.type.replace(/\.delta$/, '')) ?? '') + event.delta,
        );
      if (event.type === 'response.output_text.done') expect(deltas.get(event.item_id + 'response.output_text')).toBe(event.text);
      if (event.type === 'response.function_call_arguments.done')
        expect(deltas.get(event.item_id + 'response.function_call_arguments') ?? '').toBe(event.arguments);
      if (event.type === 'response.custom_tool_call_input.done')
        expect(deltas.get(event.item_id + 'response.custom_tool_call_input')).toBe(event.input);
      if (event.type === 'response.reasoning_summary_text.done')
        expect(deltas.get(event.item_id + 'response.reasoning_summary_text')).toBe(event.text);
    }
  }
  const last = events.at(-1)!;
  if (last.type !== 'response.failed') {
    const done = events.flatMap((e) => (e.type === 'response.output_item.done' ? [e] : []));
    expect(done.map((e) => e.output_index).sort()).toEqual([...added.keys()]);
    if ('response' in last)
      expect(last.response.output).toEqual([...done].sort((a, b) => a.output_index - b.output_index).map((e) => e.item));
  }
  return events;
}

/** What a response object says, in the terms of the fixture's chat answer. */
export function meaningOfResponse(response: ResponseObject): Meaning {
  expect(v.safeParse(vResponse, response).issues).toBeUndefined();
  const out: Meaning = { content: '', thinking: '', toolCalls: [], finish: null };
  for (const item of response.output) {
    if (item.type === 'message') out.content += item.content.map((p) => (p.type === 'output_text' ? p.text : p.refusal)).join('');
    if (item.type === 'reasoning') out.thinking += item.summary.map((p) => p.text).join('');
    if (item.type === 'function_call') out.toolCalls.push({ name: item.name, arguments: item.arguments ? JSON.parse(item.arguments) : {} });
  }
  const reason = response.incomplete_details?.reason;
  out.finish = reason === 'max_output_tokens' ? 'length' : reason === 'content_filter' ? 'content_filter' : response.status;
  if (response.usage) out.usage = { prompt_tokens: response.usage.input_tokens, completion_tokens: response.usage.output_tokens };
  if (response.error) out.error = response.error.message;
  return out;
}

/** The fixture's chat meaning as a Responses answer says it: no finish reason but a status. */
export function asResponsesMeaning(meaning: Meaning): Meaning {
  const finish = meaning.error
    ? 'failed'
    : meaning.finish === 'length' || meaning.finish === 'content_filter'
      ? meaning.finish
      : 'completed';
  const out: Meaning = { ...meaning, finish };
  if (meaning.usage) out.usage = { prompt_tokens: meaning.usage.prompt_tokens, completion_tokens: meaning.usage.completion_tokens };
  return out;
}
