/**
 * OpenAI-compatible vendors put the same facts in different places; the client always gets them
 * where OpenAI puts them: reasoning in `reasoning_content` (from `reasoning` on Groq, OpenRouter,
 * Cerebras and Ollama), usage at the top level (from `x_groq.usage` or Moonshot's
 * `choices[].usage`), cache hits in `prompt_tokens_details.cached_tokens`.
 */
import type { ChatChunk, ChatResponse, FinishReason, Usage } from '../../core/types';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';

type Loose = Record<string, unknown>;

/**
 * `reasoning` -> `reasoning_content`. OpenRouter's `reasoning_details` stay: a client must send
 * them back in tool loops (signed thinking, thought signatures), and they pass through again.
 * Returns whether it changed the message.
 */
export function moveReasoning(message: Loose | undefined): boolean {
  if (!message || !('reasoning' in message)) return false;
  if (typeof message.reasoning === 'string' && typeof message.reasoning_content !== 'string') message.reasoning_content = message.reasoning;
  delete message.reasoning;
  return true;
}

export function normalizeUsage(raw: unknown): Usage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const usage = raw as Loose & Usage;
  const cached =
    (usage.prompt_tokens_details?.cached_tokens as number | undefined) ??
    (typeof usage.prompt_cache_hit_tokens === 'number' ? usage.prompt_cache_hit_tokens : undefined) ??
    (typeof usage.cached_tokens === 'number' ? usage.cached_tokens : undefined);
  const out: Usage = {
    prompt_tokens: usage.prompt_tokens ?? 0,
    completion_tokens: usage.completion_tokens ?? 0,
    total_tokens: usage.total_tokens ?? (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0),
  };
  if (cached !== undefined) out.prompt_tokens_details = { ...usage.prompt_tokens_details, cached_tokens: cached };
  if (usage.completion_tokens_details) out.completion_tokens_details = usage.completion_tokens_details;
  return out;
}

/**
 * Usage wherever the vendor put it (`usage`, Groq's `x_groq`, a choice's `usage`), removed from
 * the places that are not OpenAI's; `moved` says whether there were any. The top-level `usage` is
 * left for the caller to replace or drop.
 */
export function takeUsage(body: Loose): { usage: Usage | undefined; moved: boolean } {
  let raw: unknown = body.usage;
  let moved = false;
  const groq = body.x_groq as Loose | undefined;
  if (groq !== undefined) {
    if (!raw && groq?.usage) raw = groq.usage;
    delete body.x_groq;
    moved = true;
  }
  for (const choice of (body.choices as Loose[] | undefined) ?? []) {
    if (choice.usage) {
      raw ??= choice.usage;
      delete choice.usage;
      moved = true;
    }
  }
  return { usage: normalizeUsage(raw), moved };
}

export function normalizeCompletion(raw: unknown): ChatResponse {
  const body = raw as Loose;
  const { usage } = takeUsage(body);
  for (const choice of (body.choices as Loose[] | undefined) ?? []) {
    const message = choice.message as Loose | undefined;
    moveReasoning(message);
    // Some vendors (Cerebras) omit null fields; OpenAI clients expect `content` to be present.
    if (message && !('content' in message)) message.content = null;
    choice.finish_reason = mapOpenAIFinishReason(choice.finish_reason as FinishReason | undefined);
  }
  if (usage) body.usage = usage;
  else delete body.usage;
  return body as unknown as ChatResponse;
}

/**
 * The JSON an OpenAI client is sent for a chunk that normalizing left as it was: the event's own
 * data, less a trailing `"usage":null` (OpenAI's on every chunk of a stream asked for usage) where
 * that is the only usage key; undefined where it cannot be had without serializing the chunk again
 * (the data spans lines, or its usage is elsewhere).
 */
function unchangedText(data: string, hadUsage: boolean): string | undefined {
  if (data.indexOf('\n') >= 0) return undefined;
  if (!hadUsage) return data;
  const tail = ',"usage":null}';
  if (!data.endsWith(tail) || data.indexOf('"usage":') !== data.length - tail.length + 1) return undefined;
  return `${data.slice(0, -tail.length)}}`;
}

export interface NormalizedChunk {
  readonly chunk: ChatChunk;
  /** the usage it carried, if any (removed from the chunk) */
  readonly usage: Usage | undefined;
  /** with the event's `data`: the chunk's JSON as sent, when normalizing changed nothing (see `unchangedText`) */
  readonly text: string | undefined;
}

/** One streamed chunk in place. */
export function normalizeChunk(raw: Loose, data?: string): NormalizedChunk {
  const hadUsage = 'usage' in raw;
  // A `usage: null` dropped is no change: unchangedText leaves it out of the text too.
  let changed = hadUsage && raw.usage !== null;
  const { usage, moved } = takeUsage(raw);
  if (moved) changed = true;
  delete raw.usage;
  for (const choice of (raw.choices as Loose[] | undefined) ?? []) {
    const delta = choice.delta as Loose | undefined;
    if (moveReasoning(delta)) changed = true;
    // DashScope repeats `id: ""` on later fragments of a tool call; an id is only for the first.
    for (const call of (delta?.tool_calls as Loose[] | undefined) ?? []) {
      if (call.id === '') {
        delete call.id;
        changed = true;
      }
    }
    if ('finish_reason' in choice) {
      const reason = mapOpenAIFinishReason(choice.finish_reason as FinishReason | undefined);
      if (reason !== choice.finish_reason) {
        choice.finish_reason = reason;
        changed = true;
      }
    }
  }
  const text = changed || data === undefined ? undefined : unchangedText(data, hadUsage);
  return { chunk: raw as unknown as ChatChunk, usage, text };
}
