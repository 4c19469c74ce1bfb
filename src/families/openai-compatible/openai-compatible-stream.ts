/**
 * Upstream SSE -> canonical chunks, one upstream event at a time. State: which choices have had
 * their role chunk, whether a finish_reason arrived, and the usage to report at the end.
 */
import type { ChatCall } from '../../core/provider';
import { parseUpstreamEvent } from '../../core/parse-upstream-event';
import { readServerSentEvents } from '../../core/sse';
import type { ChatChunk, Usage } from '../../core/types';
import { asStreamError, upstreamInvalidResponse, upstreamStreamError } from '../../core/upstream-error';
import type { UpstreamBody } from '../../core/upstream-transport';
import { checkChunk } from './check-openai-compatible-reply';
import { normalizeChunk } from './normalize-openai-compatible-response';
import { ToolCallIndexes } from './tool-call-indexes';

const isDone = (event: { data: string }): boolean => event.data === '[DONE]';

export async function* translateOpenAICompatibleStream(body: UpstreamBody, call: ChatCall): AsyncGenerator<ChatChunk> {
  const { provider, secrets } = call;
  const started = new Set<number>();
  const indexes = new ToolCallIndexes();
  let events = 0;
  let finished = false;
  let usage: Usage | undefined;
  let last: ChatChunk | undefined;
  try {
    for await (const event of readServerSentEvents(body, isDone)) {
      if (event.data === '[DONE]') break;
      events += 1;
      const raw = parseUpstreamEvent<Record<string, unknown>>(provider, event.data, checkChunk);
      // OpenRouter sends `error` in a chunk; Groq ends a failed stream with `x_groq.error`.
      const failure = raw.error ?? (raw.x_groq as { error?: unknown } | undefined)?.error;
      if (failure) throw upstreamStreamError(provider, errorText(failure), secrets, statusOf(failure));
      const normalized = normalizeChunk(raw);
      if (normalized.usage) usage = normalized.usage;
      const chunk = normalized.chunk;
      last = chunk;
      if (!Array.isArray(chunk.choices) || chunk.choices.length === 0) continue;
      for (const choice of chunk.choices) {
        if (!started.has(choice.index)) {
          started.add(choice.index);
          choice.delta.role ??= 'assistant';
        }
        if (choice.delta.tool_calls) indexes.assign(choice.index, choice.delta.tool_calls);
        if (choice.finish_reason) finished = true;
      }
      yield chunk;
    }
  } catch (error) {
    throw asStreamError(provider, error, secrets);
  }
  if (events === 0) throw upstreamInvalidResponse(provider, 'the stream had no events');
  if (!finished) throw upstreamStreamError(provider, 'the connection closed before the response finished', secrets);
  if (call.includeUsage && usage && last) {
    yield { id: last.id, object: 'chat.completion.chunk', created: last.created, model: last.model, choices: [], usage };
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
