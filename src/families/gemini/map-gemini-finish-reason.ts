import type { FinishReason } from '../../core/types';
import { unknownUpstreamValue } from '../../core/unknown-upstream-value';
import type { FinishReasonValue } from './types';

/**
 * STOP -> stop, or tool_calls when the turn called functions; MAX_TOKENS -> length; the safety
 * family -> content_filter; the rest (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, ...) -> stop.
 * Exhaustive over the spec's finishReason: a new value there is a compile error here.
 */
export function mapGeminiFinishReason(reason: FinishReasonValue | undefined, calledFunctions: boolean): FinishReason {
  const ended = calledFunctions ? 'tool_calls' : 'stop';
  switch (reason) {
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
      return 'content_filter';
    case 'STOP':
    case 'FINISH_REASON_UNSPECIFIED':
    case 'LANGUAGE':
    case 'OTHER':
    case 'MALFORMED_FUNCTION_CALL':
    case 'IMAGE_OTHER':
    case 'NO_IMAGE':
    case 'UNEXPECTED_TOOL_CALL':
    case 'TOO_MANY_TOOL_CALLS':
    case 'MISSING_THOUGHT_SIGNATURE':
    case undefined:
      return ended;
    default:
      return unknownUpstreamValue('Gemini finishReason', reason, ended);
  }
}
