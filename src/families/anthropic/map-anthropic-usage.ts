import type { Usage } from '../../core/types';

export interface UsageNumbers {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** Prompt tokens include cache reads and writes (OpenAI counts cached tokens inside prompt_tokens). */
export function mapAnthropicUsage(usage: UsageNumbers): Usage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const prompt = (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + cacheRead;
  const completion = usage.output_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead },
  };
}

/** A stream's usage so far: message_start gives the input, each message_delta the counts to date. */
export function addAnthropicUsage(into: UsageNumbers, from: unknown): void {
  if (typeof from !== 'object' || from === null) return;
  for (const [key, value] of Object.entries(from)) {
    if (typeof value === 'number') into[key as keyof UsageNumbers] = value;
  }
}
