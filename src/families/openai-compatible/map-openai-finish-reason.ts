import type { FinishReason } from '../../core/types';
import { unknownUpstreamValue } from '../../core/unknown-upstream-value';

/**
 * A vendor's finish_reason as one the OpenAI spec lists: OpenAI clients switch over that enum.
 * Exhaustive over the spec's FinishReason, so a value added there is a compile error here; values
 * vendors add on their own (DeepSeek's `insufficient_system_resource`) become `stop`, logged once.
 */
export function mapOpenAIFinishReason(reason: FinishReason | undefined): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
    case 'function_call':
    case null:
      return reason;
    case undefined:
      return null;
    default:
      return unknownUpstreamValue('OpenAI-compatible finish_reason', reason, 'stop');
  }
}
