import type { FinishReason } from '../../core/types';
import type { StopReason } from './anthropic-types';

/**
 * The canonical finish reason -> Anthropic's stop reason: length is `max_tokens`, tool calls are
 * `tool_use`, a content filter is `refusal`; anything else ended the turn.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapFinishReason(reason: FinishReason | null | undefined): StopReason {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    case 'stop':
    case null:
    case undefined:
      return 'end_turn';
  }
}
