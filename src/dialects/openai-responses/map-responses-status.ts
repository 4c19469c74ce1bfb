/**
 * A canonical finish reason -> the response's status and `incomplete_details`: the output limit
 * and the content filter leave a response incomplete; every other end completes it.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-incomplete_details
 */
import type { FinishReason } from '../../core/types';
import type { ResponseObject } from './responses-types';

export function mapResponsesStatus(finish: FinishReason | undefined): Pick<ResponseObject, 'status' | 'incomplete_details'> {
  switch (finish) {
    case 'length':
      return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
    case 'content_filter':
      return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
    case 'stop':
    case 'tool_calls':
    case 'function_call':
    case null:
    case undefined:
      return { status: 'completed', incomplete_details: null };
  }
}
