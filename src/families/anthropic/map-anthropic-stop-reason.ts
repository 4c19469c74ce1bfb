import type { FinishReason } from '../../core/types';
import { unknownUpstreamValue } from '../../core/unknown-upstream-value';
import type { StopReason } from './types';

/**
 * end_turn, stop_sequence -> stop; max_tokens, model_context_window_exceeded -> length;
 * tool_use -> tool_calls; refusal -> content_filter; pause_turn (a server tool paused the turn)
 * -> stop, since the client can only continue by sending the turn back. Exhaustive over the
 * spec's StopReason: a new value there is a compile error here.
 */
export function mapAnthropicStopReason(reason: StopReason | undefined): FinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
    case null:
    case undefined:
      return 'stop';
    default:
      return unknownUpstreamValue('Anthropic stop_reason', reason, 'stop');
  }
}
