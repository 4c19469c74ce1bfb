import type { FinishReason } from '../../core/types';
import type { CohereFinishReason } from './types';

/**
 * Cohere's finish reasons in OpenAI's terms; `ERROR` and `TIMEOUT` are failures, not endings,
 * and give undefined so the caller reports them as errors.
 * @see https://docs.cohere.com/reference/chat (finish_reason)
 */
export function mapCohereFinishReason(reason: CohereFinishReason): FinishReason | undefined {
  switch (reason) {
    case 'COMPLETE':
    case 'STOP_SEQUENCE':
      return 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'TOOL_CALL':
      return 'tool_calls';
    case 'ERROR':
    case 'TIMEOUT':
      return undefined;
  }
}
