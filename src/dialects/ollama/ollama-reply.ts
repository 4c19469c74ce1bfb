/**
 * An Ollama reply built from canonical chunks, one chunk at a time. Text and thinking go out as
 * they arrive; tool call fragments are kept until the end, because Ollama sends each call whole
 * with its arguments as an object; usage and the finish reason become the last line's counters.
 */
import { ProxyError } from '../../core/errors';
import type { ChatChunk, ChatResponse, FinishReason, Usage } from '../../core/types';
import { mapDoneReason } from './map-done-reason';
import { nanoseconds } from './nanoseconds';
import type { OllamaChatResponse, OllamaToolCall } from './ollama-types';

/** What one line says about the reply. */
export interface ReplyPiece {
  readonly content: string;
  readonly thinking?: string | undefined;
  readonly toolCalls?: OllamaToolCall[] | undefined;
}

/** The fields of the last line (`done: true`). */
export type ReplyDone = Pick<
  OllamaChatResponse,
  'done_reason' | 'total_duration' | 'load_duration' | 'prompt_eval_count' | 'prompt_eval_duration' | 'eval_count' | 'eval_duration'
>;

interface PendingCall {
  name: string;
  arguments: string;
}

/**
 * Ollama's counters: durations in nanoseconds, split at the first output (time before it is
 * prompt processing, after it generation). Nothing is loaded, so load_duration is 0; counts are
 * 0 when the upstream reported no usage, because Ollama clients expect numbers.
 */
function doneCounters(startedAt: number, firstOutputAt: number, usage: Usage | undefined, finish: FinishReason | undefined): ReplyDone {
  const end = Date.now();
  return {
    done_reason: mapDoneReason(finish),
    total_duration: nanoseconds(end - startedAt),
    load_duration: 0,
    prompt_eval_count: usage?.prompt_tokens ?? 0,
    prompt_eval_duration: nanoseconds(firstOutputAt - startedAt),
    eval_count: usage?.completion_tokens ?? 0,
    eval_duration: nanoseconds(end - firstOutputAt),
  };
}

function parseArguments(call: PendingCall): Record<string, unknown> {
  // Some vendors send "" for a call without arguments.
  if (!call.arguments.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(call.arguments);
  } catch {
    value = undefined;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new ProxyError(`The model called \`${call.name}\` with arguments that are not a JSON object.`, {
    status: 502,
    type: 'upstream_error',
    code: 'invalid_tool_arguments',
  });
}

const toOllamaToolCalls = (calls: readonly PendingCall[]): OllamaToolCall[] =>
  calls.map((call, index) => ({ function: { index, name: call.name, arguments: parseArguments(call) } }));

/** The state of a streamed reply: feed it every chunk, then take the end. */
export class OllamaReplyStream {
  private readonly calls: PendingCall[] = [];
  private finish: FinishReason | undefined;
  private usage: Usage | undefined;
  private firstOutputAt: number | undefined;

  constructor(private readonly startedAt: number) {}

  /** The text and thinking of one chunk, to send now (undefined when it has none). */
  push(chunk: ChatChunk): ReplyPiece | undefined {
    if (chunk.usage) this.usage = chunk.usage;
    // Ollama has no `n`: the reply is choice 0.
    const choice = chunk.choices.find((c) => c.index === 0);
    if (!choice) return undefined;
    if (choice.finish_reason) this.finish = choice.finish_reason;
    const { delta } = choice;
    for (const fragment of delta.tool_calls ?? []) {
      const call = (this.calls[fragment.index] ??= { name: '', arguments: '' });
      if (fragment.function?.name) call.name += fragment.function.name;
      if (fragment.function?.arguments) call.arguments += fragment.function.arguments;
    }
    const content = (delta.content ?? '') + (delta.refusal ?? '');
    const thinking = delta.reasoning_content ?? '';
    if (content || thinking || delta.tool_calls?.length) this.firstOutputAt ??= Date.now();
    if (!content && !thinking) return undefined;
    return thinking ? { content, thinking } : { content };
  }

  /** The kept tool calls as one more piece (if any), and the counters of the last line. */
  end(): { calls: ReplyPiece | undefined; done: ReplyDone } {
    const calls = this.calls.filter(Boolean);
    return {
      calls: calls.length ? { content: '', toolCalls: toOllamaToolCalls(calls) } : undefined,
      done: doneCounters(this.startedAt, this.firstOutputAt ?? Date.now(), this.usage, this.finish),
    };
  }
}

/** A whole completion as one piece, with the counters of its (only) line. */
export function wholeReply(body: ChatResponse, startedAt: number): { piece: ReplyPiece; done: ReplyDone } {
  const choice = body.choices.find((c) => c.index === 0);
  const message = choice?.message;
  const calls = (message?.tool_calls ?? []).map((call) => ({ name: call.function.name, arguments: call.function.arguments }));
  return {
    piece: {
      content: (message?.content ?? '') + (message?.refusal ?? ''),
      thinking: message?.reasoning_content || undefined,
      toolCalls: calls.length ? toOllamaToolCalls(calls) : undefined,
    },
    // It was all generated while the client waited for this one answer: count it all as generation.
    done: doneCounters(startedAt, startedAt, body.usage, choice?.finish_reason),
  };
}
