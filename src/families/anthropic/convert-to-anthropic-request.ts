/**
 * The Messages request for one call: messages, tools and tool choice, output limit, sampling,
 * thinking and JSON output, each following the decisions in chat-request-fields.ts.
 */
import { declaredFunctions, toolChoiceOf } from '../../core/declared-tools';
import { refuseUnsupported } from '../../core/refuse-unsupported';
import type { ChatCall } from '../../core/provider';
import type { ChatRequest, ReasoningEffort } from '../../core/types';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages';
import type { AnthropicOptions } from './options';
import type { AnthropicTool, AnthropicToolChoice, MessagesRequest } from './types';

/** The tool that stands in for JSON output on models without native structured outputs. */
export const JSON_TOOL = 'json_response';

const DEFAULT_MAX_TOKENS = 4096;
const MIN_THINKING_BUDGET = 1024;
const THINKING_BUDGET: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32000,
  max: 32000,
};

export interface AnthropicRequestPlan {
  body: MessagesRequest;
  /** the forced tool whose input is the answer, when response_format used one */
  jsonTool: string | undefined;
}

function tools(request: ChatRequest): AnthropicTool[] {
  return declaredFunctions(request).map((f) => ({
    name: f.name,
    ...(f.description ? { description: f.description } : {}),
    input_schema: f.parameters ?? { type: 'object', properties: {} },
  }));
}

function toolChoice(request: ChatRequest): AnthropicToolChoice | undefined {
  const noParallel = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  const choice = toolChoiceOf(request);
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any', ...noParallel };
  if (typeof choice === 'object') return { type: 'tool', name: choice.name, ...noParallel };
  if (choice === 'auto' || request.parallel_tool_calls === false) return { type: 'auto', ...noParallel };
  return undefined;
}

export async function convertToAnthropicRequest(call: ChatCall<AnthropicOptions>): Promise<AnthropicRequestPlan> {
  refuseUnsupported(call);
  const { request, model } = call;
  const converted = await convertToAnthropicMessages(request.messages, {
    inlineImageUrls: call.provider.def.options.inlineImageUrls === true,
    images: call.provider.limits.images,
    signal: call.signal,
  });

  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? model.maxOutputTokens ?? DEFAULT_MAX_TOKENS;
  const body: MessagesRequest = { model: model.upstream, messages: converted.messages, max_tokens: maxTokens };
  if (converted.system.length) body.system = converted.system;
  if (request.stream) body.stream = true;

  const toolList = tools(request);
  let choice = toolList.length ? toolChoice(request) : undefined;
  let jsonTool: string | undefined;

  const format = request.response_format;
  if (format?.type === 'json_schema' && model.structuredOutputs) {
    body.output_config = { format: { type: 'json_schema', schema: format.json_schema?.schema ?? { type: 'object' } } };
  } else if (format?.type === 'json_schema' || format?.type === 'json_object') {
    jsonTool = JSON_TOOL;
    toolList.push({
      name: JSON_TOOL,
      description:
        format.type === 'json_schema'
          ? (format.json_schema?.description ?? `Respond with ${format.json_schema?.name ?? 'the answer'} as JSON.`)
          : 'Respond with a JSON object.',
      input_schema:
        format.type === 'json_schema' ? (format.json_schema?.schema ?? { type: 'object' }) : { type: 'object', additionalProperties: true },
    });
    choice = { type: 'tool', name: JSON_TOOL };
  }
  if (toolList.length) body.tools = toolList;
  if (choice) body.tool_choice = choice;

  const stop = request.stop;
  if (stop) body.stop_sequences = typeof stop === 'string' ? [stop] : stop;
  const userId = request.user ?? request.safety_identifier;
  if (userId) body.metadata = { user_id: userId };

  // Thinking needs the budget below max_tokens, no forced tool, and signed thinking on earlier
  // tool turns; without those the request still gets an answer, just without thinking.
  const effort = request.reasoning_effort;
  const budget = effort && effort !== 'none' ? Math.min(THINKING_BUDGET[effort], maxTokens - 1) : 0;
  const forcedTool = choice?.type === 'tool' || choice?.type === 'any';
  const thinking = budget >= MIN_THINKING_BUDGET && !forcedTool && !converted.toolTurnWithoutThinking;
  if (thinking) {
    body.thinking = { type: 'enabled', budget_tokens: budget };
  } else {
    if (request.temperature != null) body.temperature = Math.min(request.temperature, 1);
    if (request.top_p != null) body.top_p = request.top_p;
  }
  return { body, jsonTool };
}
