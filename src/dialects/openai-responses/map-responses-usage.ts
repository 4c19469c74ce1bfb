/**
 * Canonical usage -> Responses usage (cached input and reasoning tokens in their details).
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
import type { Usage } from '../../core/types';
import type { ResponseUsage } from './responses-types';

export const mapResponsesUsage = (usage: Usage): ResponseUsage => ({
  input_tokens: usage.prompt_tokens,
  input_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0 },
  output_tokens: usage.completion_tokens,
  output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
  total_tokens: usage.total_tokens,
});
