import type { ChatRequestDecisions } from '../../../generated/mappings/chat-request';
import { dropped, mapped, unsupported } from '../../core/field-decisions';

/**
 * OpenAI chat request -> Cohere `POST /v2/chat`.
 * @see https://docs.cohere.com/reference/chat
 */
export const cohereRequestFields = {
  model: mapped('the routed upstream id'),
  messages: mapped('system and developer to system; tool results to role tool with tool_call_id; images as image_url parts'),
  stream: mapped('stream: true gives SSE events'),
  stream_options: mapped('the usage chunk comes from message-end'),
  temperature: mapped('clamped to Cohere’s 0-1 range'),
  top_p: mapped('p, clamped to 0.01-0.99'),
  max_tokens: mapped('max_tokens'),
  max_completion_tokens: mapped('max_tokens'),
  n: unsupported('Cohere gives one answer per request'),
  stop: mapped('stop_sequences'),
  seed: mapped('seed'),
  presence_penalty: mapped('presence_penalty'),
  frequency_penalty: mapped('frequency_penalty'),
  logit_bias: dropped('Cohere has no logit bias'),
  logprobs: unsupported('not translated to Cohere’s logprobs'),
  top_logprobs: unsupported('not translated to Cohere’s logprobs'),
  user: dropped('Cohere has no end-user field'),
  safety_identifier: dropped('Cohere has no end-user field'),
  prompt_cache_key: dropped('Cohere has no prompt cache key'),
  metadata: dropped('OpenAI stored-completion metadata has no Cohere counterpart'),
  store: dropped('Cohere does not store completions'),
  service_tier: dropped('no service tiers'),
  modalities: dropped('text output only'),
  audio: unsupported('audio output is not translated'),
  prediction: dropped('no predicted outputs'),
  web_search_options: dropped('no web search on the chat API'),
  verbosity: dropped('no verbosity setting'),
  reasoning_effort: mapped('thinking enabled (none: disabled) on reasoning models'),
  response_format: mapped('json_object, with json_schema for a schema'),
  tools: mapped('function tools without `strict`, which Cohere refuses per tool'),
  tool_choice: mapped('none to NONE, required or a named function to REQUIRED (that tool only)'),
  parallel_tool_calls: dropped('Cohere decides parallel calls itself'),
  functions: mapped('legacy functions become tools'),
  function_call: mapped('legacy function_call becomes tool_choice'),
} satisfies ChatRequestDecisions;
