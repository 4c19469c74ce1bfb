import type { FinishReason } from '../../core/types';
import type { FinishReasonValue } from './types';

const FILTERED = new Set<FinishReasonValue>([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/**
 * STOP -> stop, or tool_calls when the turn called functions; MAX_TOKENS -> length; the safety
 * family -> content_filter; anything else (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, ...) -> stop.
 */
export function mapGeminiFinishReason(reason: FinishReasonValue | undefined, calledFunctions: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && FILTERED.has(reason)) return 'content_filter';
  return calledFunctions ? 'tool_calls' : 'stop';
}
