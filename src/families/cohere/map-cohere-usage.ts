import type { Usage } from '../../core/types';
import type { CohereUsage } from './types';

/**
 * `tokens` are the tokens the model read and wrote; `billed_units` (what is charged) stand in
 * when a reply has no `tokens`.
 * @see https://docs.cohere.com/reference/chat (usage)
 */
export function mapCohereUsage(usage: CohereUsage | undefined): Usage | undefined {
  const counts = usage?.tokens ?? usage?.billed_units;
  if (!counts) return undefined;
  const prompt = counts.input_tokens ?? 0;
  const completion = counts.output_tokens ?? 0;
  const out: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (usage?.cached_tokens) out.prompt_tokens_details = { cached_tokens: usage.cached_tokens };
  return out;
}
