/**
 * OpenAI chat request -> Cohere `POST /v2/chat` body, field by field as chat-request-fields.ts
 * declares. `top_k`, which OpenAI lacks, is taken as a vendor extra (an SDK's `extra_body`) as `k`.
 * @see https://docs.cohere.com/reference/chat
 */
import { declaredFunctions, toolChoiceOf } from '../../core/declared-tools';
import type { ChatCall } from '../../core/provider';
import { refuseUnsupported } from '../../core/refuse-unsupported';
import { convertToCohereMessages } from './convert-to-cohere-messages';
import type { CohereOptions } from './options';
import type { CohereRequest, CohereTool } from './types';

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

function tools(call: ChatCall<CohereOptions>, only: string | undefined): CohereTool[] {
  return declaredFunctions(call.request)
    .filter((f) => only === undefined || f.name === only)
    .map((f) => ({
      type: 'function',
      // `strict` is left out: Cohere refuses it on a tool (strict_tools is its request-wide switch).
      function: {
        name: f.name,
        ...(f.description ? { description: f.description } : {}),
        parameters: f.parameters ?? { type: 'object', properties: {} },
      },
    }));
}

export function convertToCohereRequest(call: ChatCall<CohereOptions>): CohereRequest {
  refuseUnsupported(call);
  const { request, model } = call;
  const body: CohereRequest = { model: model.upstream, messages: convertToCohereMessages(request.messages) };
  if (request.stream) body.stream = true;

  const limit = request.max_completion_tokens ?? request.max_tokens;
  if (limit != null) body.max_tokens = limit;
  if (request.temperature != null) body.temperature = clamp(request.temperature, 0, 1);
  if (request.top_p != null) body.p = clamp(request.top_p, 0.01, 0.99);
  const topK = (request as unknown as { top_k?: unknown }).top_k;
  if (typeof topK === 'number') body.k = clamp(Math.round(topK), 0, 500);
  if (request.stop != null) body.stop_sequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.seed != null) body.seed = request.seed;
  if (request.frequency_penalty != null) body.frequency_penalty = request.frequency_penalty;
  if (request.presence_penalty != null) body.presence_penalty = request.presence_penalty;

  const format = request.response_format;
  if (format?.type === 'json_object') body.response_format = { type: 'json_object' };
  if (format?.type === 'json_schema') {
    const schema = format.json_schema?.schema;
    body.response_format = { type: 'json_object', ...(schema ? { json_schema: schema } : {}) };
  }

  const choice = toolChoiceOf(request);
  const named = typeof choice === 'object' ? choice.name : undefined;
  const declared = tools(call, named);
  if (declared.length && choice !== 'none') body.tools = declared;
  if (choice === 'required' || named) body.tool_choice = 'REQUIRED';
  if (choice === 'none' && declared.length) {
    body.tools = declared;
    body.tool_choice = 'NONE';
  }

  if (request.reasoning_effort && model.reasoning) {
    body.thinking = { type: request.reasoning_effort === 'none' ? 'disabled' : 'enabled' };
  }
  return body;
}
