/**
 * Fixtures seen from an Ollama client: the Ollama request that says what a fixture's OpenAI
 * request says, what the fixture's OpenAI answer means, and the checks that an Ollama reply means
 * the same and that the upstream call carried the same conversation.
 */
import { expect } from 'vitest';
import type { OllamaChatRequest, OllamaMessage } from '../../src/dialects/ollama/ollama-types';
import type { Fixture } from './fixtures';
import { expectDoneCounters, type FoldedReply } from './ollama-wire';

type Loose = Record<string, any>;

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content
          .filter((part: Loose) => part.type === 'text')
          .map((part: Loose) => part.text)
          .join('')
      : '';

/** Base64 payloads of data-URL images; Ollama messages carry no image URLs, so others are left out. */
const imagesOf = (content: unknown): string[] =>
  Array.isArray(content)
    ? content
        .filter((part: Loose) => part.type === 'image_url' && part.image_url.url.startsWith('data:'))
        .map((part: Loose) => part.image_url.url.slice(part.image_url.url.indexOf(',') + 1))
    : [];

const THINK: Record<string, OllamaChatRequest['think']> = {
  none: false,
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'max',
  max: 'max',
};

/** The request an Ollama client would send for the fixture's OpenAI request. */
export function toOllamaRequest(openai: Loose): OllamaChatRequest {
  const names = new Map<string, string>();
  const messages = (openai.messages as Loose[]).map((m): OllamaMessage => {
    if (m.role === 'assistant') {
      const message: OllamaMessage = { role: 'assistant', content: textOf(m.content) };
      if (m.tool_calls) {
        message.tool_calls = m.tool_calls.map((call: Loose) => {
          names.set(call.id, call.function.name);
          return { function: { name: call.function.name, arguments: JSON.parse(call.function.arguments) } };
        });
      }
      return message;
    }
    if (m.role === 'tool') return { role: 'tool', content: textOf(m.content), tool_name: names.get(m.tool_call_id)! };
    const message: OllamaMessage = { role: m.role === 'developer' ? 'system' : m.role, content: textOf(m.content) };
    const images = imagesOf(m.content);
    if (images.length) message.images = images;
    return message;
  });
  const options: Loose = {};
  for (const key of ['temperature', 'top_p', 'seed', 'stop', 'presence_penalty', 'frequency_penalty'])
    if (openai[key] != null) options[key] = openai[key];
  const limit = openai.max_completion_tokens ?? openai.max_tokens;
  if (limit != null) options.num_predict = limit;
  const request: OllamaChatRequest = { model: openai.model, messages, stream: openai.stream === true };
  if (Object.keys(options).length) request.options = options;
  if (openai.tools) request.tools = openai.tools;
  if (openai.reasoning_effort) request.think = THINK[openai.reasoning_effort];
  if (openai.response_format?.type === 'json_object') request.format = 'json';
  if (openai.response_format?.type === 'json_schema') request.format = openai.response_format.json_schema.schema;
  return request;
}

export interface Meaning {
  content: string;
  thinking: string;
  toolCalls: Array<{ name: string; arguments: unknown }>;
  finish: string | null;
  usage?: { prompt_tokens: number; completion_tokens: number };
  error?: string;
}

/** What the fixture's OpenAI answer says, whole or folded from its stream. */
export function meaningOf(want: Fixture['expect']): Meaning {
  const out: Meaning = { content: '', thinking: '', toolCalls: [], finish: null };
  const calls: Array<{ name: string; arguments: string }> = [];
  const take = (message: Loose, finish: string | null | undefined, usage: Loose | undefined) => {
    out.content += message.content ?? '';
    out.thinking += message.reasoning_content ?? '';
    for (const call of message.tool_calls ?? []) {
      const slot = (calls[call.index ?? calls.length] ??= { name: '', arguments: '' });
      slot.name += call.function?.name ?? '';
      slot.arguments += call.function?.arguments ?? '';
    }
    if (finish) out.finish = finish;
    if (usage) out.usage = usage as Meaning['usage'];
  };
  if (want.sse) {
    for (const event of want.sse as Array<Loose | string>) {
      if (typeof event === 'string') continue;
      if (event.error) out.error = event.error.message;
      else take(event.choices[0]?.delta ?? {}, event.choices[0]?.finish_reason, event.usage);
    }
  } else {
    const body = want.json as Loose;
    take(body.choices[0].message, body.choices[0].finish_reason, body.usage);
  }
  out.toolCalls = calls.filter(Boolean).map((call) => ({ name: call.name, arguments: call.arguments ? JSON.parse(call.arguments) : {} }));
  return out;
}

/** A text as it appears inside a JSON body: escaped in a string, or (JSON itself, like a tool result) as a value. */
function appearsIn(sent: string, text: string): boolean {
  if (sent.includes(JSON.stringify(text).slice(1, -1))) return true;
  try {
    return sent.includes(JSON.stringify(JSON.parse(text)));
  } catch {
    return false;
  }
}

/** Loose upstream check: the same URL, and every text and image of the conversation in the body sent. */
export function expectSameConversation(call: { url: string; body: unknown }, fixture: Fixture, request: OllamaChatRequest): void {
  expect(call.url).toBe(fixture.upstream.url);
  const sent = JSON.stringify(call.body);
  for (const message of request.messages) {
    if (message.content) expect(appearsIn(sent, message.content), message.content).toBe(true);
    for (const image of message.images ?? []) expect(sent).toContain(image);
    for (const toolCall of message.tool_calls ?? []) expect(sent).toContain(toolCall.function.name);
  }
}

const DONE_REASON: Record<string, string> = { length: 'length', content_filter: 'content_filter' };

/** The reply says what the fixture's answer says; a normal end has the `done` line with Ollama's counters. */
export function expectReplyMeans(reply: FoldedReply, meaning: Meaning, model: string): void {
  expect(reply.content).toBe(meaning.content);
  expect(reply.thinking).toBe(meaning.thinking);
  expect(reply.toolCalls).toEqual(meaning.toolCalls);
  if (meaning.error) {
    expect(reply.error).toBe(meaning.error);
    expect(reply.done).toBeUndefined();
    return;
  }
  expect(reply.error).toBeUndefined();
  const done = reply.done!;
  expect(done).toMatchObject({ model, done: true, done_reason: DONE_REASON[meaning.finish ?? ''] ?? 'stop' });
  expectDoneCounters(done);
  if (meaning.usage) {
    expect(done.prompt_eval_count).toBe(meaning.usage.prompt_tokens);
    expect(done.eval_count).toBe(meaning.usage.completion_tokens);
  }
}
