/**
 * Upstream SSE -> canonical chunks: a synchronous state machine, one upstream event in, at most
 * one chunk out (the driver, core/sse.ts, feeds it a read at a time). State: which choices have
 * had their role chunk, whether a finish_reason arrived, and the usage to report at the end.
 */
import type { EventSourceMessage } from 'eventsource-parser';
import { withJson } from '../../core/chunk-json';
import type { StreamCall } from '../../core/provider';
import { parseUpstreamEvent } from '../../core/parse-upstream-event';
import type { StreamStateMachine } from '../../core/sse';
import type { ChatChunk, Usage } from '../../core/types';
import { upstreamInvalidResponse, upstreamStreamError } from '../../core/upstream-error';
import { checkChunk } from './check-openai-compatible-reply';
import { normalizeChunk } from './normalize-openai-compatible-response';
import { ToolCallIndexes } from './tool-call-indexes';

export class OpenAICompatibleStreamTranslator implements StreamStateMachine<ChatChunk> {
  private readonly started = new Set<number>();
  private readonly indexes = new ToolCallIndexes();
  private events = 0;
  private finished = false;
  private usage: Usage | undefined;
  private last: ChatChunk | undefined;

  constructor(private readonly call: StreamCall) {}

  event({ data }: EventSourceMessage, out: ChatChunk[]): boolean {
    if (data === '[DONE]') return true;
    const { provider, secrets } = this.call;
    this.events += 1;
    const raw = parseUpstreamEvent<Record<string, unknown>>(provider, data, checkChunk);
    // OpenRouter sends `error` in a chunk; Groq ends a failed stream with `x_groq.error`.
    const failure = raw.error ?? (raw.x_groq as { error?: unknown } | undefined)?.error;
    if (failure) throw upstreamStreamError(provider, errorText(failure), secrets, statusOf(failure));
    const { chunk, usage, text } = normalizeChunk(raw, data);
    if (usage) this.usage = usage;
    this.last = chunk;
    if (!Array.isArray(chunk.choices) || chunk.choices.length === 0) return false;
    let unchanged = text !== undefined;
    for (const choice of chunk.choices) {
      if (!this.started.has(choice.index)) {
        this.started.add(choice.index);
        if (choice.delta.role == null) {
          choice.delta.role = 'assistant';
          unchanged = false;
        }
      }
      if (choice.delta.tool_calls && this.indexes.assign(choice.index, choice.delta.tool_calls)) unchanged = false;
      if (choice.finish_reason) this.finished = true;
    }
    // Left as the upstream sent it: the OpenAI dialect can write the upstream's own JSON.
    out.push(unchanged ? withJson(chunk, text!) : chunk);
    return false;
  }

  end(out: ChatChunk[]): void {
    const { provider, secrets, includeUsage } = this.call;
    if (this.events === 0) throw upstreamInvalidResponse(provider, 'the stream had no events');
    if (!this.finished) throw upstreamStreamError(provider, 'the connection closed before the response finished', secrets);
    const { usage, last } = this;
    if (includeUsage && usage && last) {
      out.push({ id: last.id, object: 'chat.completion.chunk', created: last.created, model: last.model, choices: [], usage });
    }
  }
}

/**
 * OpenRouter's mid-stream error carries the HTTP status it stands for as a numeric `code` (502
 * provider unavailable, 503 no provider free); a string code (Groq's) says nothing about a status.
 * @see https://openrouter.ai/docs/api-reference/errors
 */
const statusOf = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return JSON.stringify(error);
}
