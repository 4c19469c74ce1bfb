import type { Usage } from '../../core/types';
import type { AnthropicUsage } from './anthropic-types';

/**
 * OpenAI counts cached tokens inside `prompt_tokens`; Anthropic's `input_tokens` are the uncached
 * rest, cache reads apart (the inverse of the anthropic family's mapping).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function mapUsage(usage: Usage | null | undefined): AnthropicUsage {
  if (!usage) return { input_tokens: 0, output_tokens: 0 };
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: usage.prompt_tokens - cached,
    output_tokens: usage.completion_tokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}
