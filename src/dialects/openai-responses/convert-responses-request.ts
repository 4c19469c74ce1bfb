/**
 * A Responses request -> the canonical request, for targets that do not speak Responses. Field by
 * field as responses-request-fields.ts declares.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
import { badRequest } from '../../core/errors';
import type { ChatRequest } from '../../core/types';
import { convertResponsesInput } from './convert-responses-input';
import { convertResponsesTools, type ToolIndex } from './convert-responses-tools';
import type { ResponsesRequest } from './responses-types';

export interface ConvertedRequest {
  readonly request: ChatRequest;
  readonly index: ToolIndex;
  /** hosted tool types left out */
  readonly droppedTools: readonly string[];
}

function responseFormat(format: NonNullable<ResponsesRequest['text']>['format']): ChatRequest['response_format'] {
  switch (format?.type) {
    case undefined:
    case 'text':
      return undefined;
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema':
      if (!format.name)
        throw badRequest('`text.format.name` is required for json_schema.', 'text.format.name', 'missing_required_parameter');
      return {
        type: 'json_schema',
        json_schema: {
          name: format.name,
          ...(format.description ? { description: format.description } : {}),
          ...(format.schema ? { schema: format.schema } : {}),
          ...(format.strict != null ? { strict: format.strict } : {}),
        },
      };
  }
}

export function convertResponsesRequest(body: ResponsesRequest): ConvertedRequest {
  if (body.background)
    throw badRequest(
      '`background`: background responses are not supported by the proxy; send the request without it.',
      'background',
      'unsupported_value',
    );
  const { tools, toolChoice, index, dropped } = convertResponsesTools(body);
  const messages = convertResponsesInput(body.input, body.instructions);
  if (messages.length === 0)
    throw badRequest('`input`: missing required field (a string or a list of items).', 'input', 'missing_required_parameter');
  const request: ChatRequest = { model: body.model, messages, stream: body.stream === true };
  if (tools) request.tools = tools;
  if (toolChoice !== undefined) request.tool_choice = toolChoice;
  if (tools && body.parallel_tool_calls != null) request.parallel_tool_calls = body.parallel_tool_calls;
  const format = responseFormat(body.text?.format);
  if (format) request.response_format = format;
  if (body.text?.verbosity) request.verbosity = body.text.verbosity;
  if (body.reasoning?.effort) request.reasoning_effort = body.reasoning.effort;
  if (body.max_output_tokens != null) request.max_completion_tokens = body.max_output_tokens;
  if (body.temperature != null) request.temperature = body.temperature;
  if (body.top_p != null) request.top_p = body.top_p;
  if (body.prompt_cache_key) request.prompt_cache_key = body.prompt_cache_key;
  if (body.service_tier) request.service_tier = body.service_tier;
  if (body.user) request.user = body.user;
  if (body.safety_identifier) request.safety_identifier = body.safety_identifier;
  return { request, index, droppedTools: dropped };
}
