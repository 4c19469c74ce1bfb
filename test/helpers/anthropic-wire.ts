/**
 * Fixtures seen from an Anthropic client: the Messages request that says what a fixture's OpenAI
 * request says, an Anthropic answer (JSON or events) folded back to what it means, and the exact
 * stream grammar Anthropic sends (docs.anthropic.com/en/docs/build-with-claude/streaming).
 */
import * as v from 'valibot';
import { expect } from 'vitest';
import { vMessageStreamEvent } from '../../generated/anthropic/valibot.gen';
import type { Meaning } from './ollama-fixture';

type Loose = Record<string, any>;

function blocksOf(content: unknown): Loose[] {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  return ((content as Loose[] | null) ?? []).map((part) => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    const url: string = part.image_url.url;
    const data = /^data:([^;]+);base64,(.*)$/.exec(url);
    return { type: 'image', source: data ? { type: 'base64', media_type: data[1], data: data[2] } : { type: 'url', url } };
  });
}

const EFFORT: Record<string, string | undefined> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'max',
};

/** The Messages request an Anthropic client would send for the fixture's OpenAI request. */
export function toAnthropicRequest(openai: Loose): Loose {
  const system: string[] = [];
  const turns: Loose[] = [];
  const push = (role: string, blocks: Loose[]) => {
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };
  for (const m of openai.messages as Loose[]) {
    if (m.role === 'system' || m.role === 'developer')
      system.push(
        blocksOf(m.content)
          .map((b) => b.text)
          .join(''),
      );
    else if (m.role === 'user') push('user', blocksOf(m.content));
    else if (m.role === 'tool')
      push('user', [
        {
          type: 'tool_result',
          tool_use_id: m.tool_call_id,
          content: blocksOf(m.content)
            .map((b) => b.text)
            .join(''),
        },
      ]);
    else {
      const blocks = blocksOf(m.content);
      for (const call of m.tool_calls ?? [])
        blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input: JSON.parse(call.function.arguments) });
      push('assistant', blocks);
    }
  }
  const request: Loose = { model: openai.model, max_tokens: openai.max_completion_tokens ?? openai.max_tokens ?? 1024, messages: turns };
  if (system.length) request.system = system.join('\n\n');
  if (openai.stream) request.stream = true;
  if (openai.temperature != null) request.temperature = Math.min(1, openai.temperature);
  if (openai.top_p != null) request.top_p = openai.top_p;
  if (openai.stop != null) request.stop_sequences = [openai.stop].flat();
  if (openai.tools)
    request.tools = openai.tools.map((t: Loose) => ({
      name: t.function.name,
      ...(t.function.description ? { description: t.function.description } : {}),
      input_schema: t.function.parameters ?? { type: 'object', properties: {} },
    }));
  const choice = openai.tool_choice;
  if (choice === 'auto' || choice === 'none') request.tool_choice = { type: choice };
  else if (choice === 'required') request.tool_choice = { type: 'any' };
  else if (choice?.function) request.tool_choice = { type: 'tool', name: choice.function.name };
  const effort = EFFORT[openai.reasoning_effort];
  if (effort) request.output_config = { effort };
  return request;
}

const FINISH: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

function meaningOfMessage(message: Loose, out: Meaning): void {
  for (const block of message.content) {
    if (block.type === 'text') out.content += block.text;
    if (block.type === 'thinking') out.thinking += block.thinking;
    if (block.type === 'tool_use') out.toolCalls.push({ name: block.name, arguments: block.input });
  }
}

/** What an Anthropic answer means, in the terms of the fixture's OpenAI answer. */
export function meaningOfAnthropic(answer: { message?: Loose; events?: Loose[] }): Meaning {
  const out: Meaning = { content: '', thinking: '', toolCalls: [], finish: null };
  if (answer.message) {
    meaningOfMessage(answer.message, out);
    out.finish = FINISH[answer.message.stop_reason] ?? null;
    const u = answer.message.usage;
    out.usage = { prompt_tokens: u.input_tokens + (u.cache_read_input_tokens ?? 0), completion_tokens: u.output_tokens };
    return out;
  }
  const args: string[] = [];
  let input = 0;
  for (const event of answer.events!) {
    if (event.type === 'message_start') input = event.message.usage.input_tokens;
    if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
      out.toolCalls.push({ name: event.content_block.name, arguments: {} });
      args[event.index] = '';
    }
    if (event.type === 'content_block_delta') {
      const d = event.delta;
      if (d.type === 'text_delta') out.content += d.text;
      if (d.type === 'thinking_delta') out.thinking += d.thinking;
      if (d.type === 'input_json_delta') args[event.index] += d.partial_json;
    }
    if (event.type === 'message_delta') {
      out.finish = FINISH[event.delta.stop_reason] ?? null;
      const u = event.usage;
      out.usage = { prompt_tokens: (u.input_tokens ?? input) + (u.cache_read_input_tokens ?? 0), completion_tokens: u.output_tokens };
    }
    if (event.type === 'error') out.error = event.error.message;
  }
  const json = args.filter((a) => a !== undefined);
  out.toolCalls.forEach((call, i) => (call.arguments = json[i] ? JSON.parse(json[i]!) : {}));
  return out;
}

export interface SseEvent {
  event: string | undefined;
  data: Loose;
}

/** Every event named by its `event:` line, in Anthropic's order, blocks one at a time from index 0. */
export function expectAnthropicGrammar(events: readonly SseEvent[]): void {
  expect(events.length).toBeGreaterThan(0);
  for (const { event, data } of events) {
    expect(event).toBe(data.type);
    expect(v.safeParse(vMessageStreamEvent, data).issues).toBeUndefined();
  }
  const types = events.map((e) => e.data.type).filter((t) => t !== 'ping');
  expect(types[0]).toBe('message_start');
  const failed = types.at(-1) === 'error';
  let open: { index: number; kind: string } | undefined;
  let next = 0;
  let deltas = 0;
  for (const { data } of events.slice(1, failed ? -1 : undefined)) {
    switch (data.type) {
      case 'ping':
        break;
      case 'content_block_start':
        expect(open, 'a block starts while another is open').toBeUndefined();
        expect(deltas).toBe(0);
        expect(data.index).toBe(next++);
        open = { index: data.index, kind: data.content_block.type };
        break;
      case 'content_block_delta': {
        expect(data.index).toBe(open?.index);
        const allowed: Record<string, string[]> = {
          text: ['text_delta'],
          thinking: ['thinking_delta', 'signature_delta'],
          tool_use: ['input_json_delta'],
          redacted_thinking: [],
        };
        expect(allowed[open!.kind]).toContain(data.delta.type);
        break;
      }
      case 'content_block_stop':
        expect(data.index).toBe(open?.index);
        open = undefined;
        break;
      case 'message_delta':
        expect(open).toBeUndefined();
        deltas += 1;
        break;
      case 'message_stop':
        expect(deltas).toBe(1);
        break;
      default:
        throw new Error(`unexpected event ${data.type}`);
    }
  }
  if (!failed) expect(types.at(-1)).toBe('message_stop');
}
