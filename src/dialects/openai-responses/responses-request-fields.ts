/**
 * What the Responses dialect does with each field of `POST /v1/responses` on its way to the
 * canonical request, for every target but OpenAI and Azure (those get the body as sent). The
 * skeleton is generated from specs/openai.yaml: a field added there stops compilation until it is
 * decided here.
 */
import type { ResponsesRequestDecisions } from '../../../generated/mappings/responses-request';
import { dropped, mapped, unsupported } from '../../core/field-decisions';

export const responsesRequestFields = {
  model: mapped('routed like any model name'),
  input: mapped(
    'items become messages; one model turn (reasoning, message, calls) is one assistant message; an `item_reference` is the item RESPONSES_STORE kept',
  ),
  instructions: mapped('a system message first'),
  stream: mapped('stream'),
  stream_options: dropped('obfuscation pads events against side channels of OpenAI’s own network; nothing to pad here'),
  tools: mapped(
    'functions as functions, custom tools as a function of one string, namespaces flattened to `namespace__name`; hosted tools left out and named in `x-proxy-dropped-tools`',
  ),
  tool_choice: mapped('tool_choice; a forced hosted tool becomes auto'),
  parallel_tool_calls: mapped('parallel_tool_calls'),
  text: mapped('format -> response_format; verbosity -> verbosity'),
  reasoning: mapped('effort -> reasoning_effort; the vendor’s reasoning comes back as the summary whenever it sends some'),
  max_output_tokens: mapped('max_completion_tokens'),
  max_tool_calls: dropped('it limits hosted tool calls, which other targets do not run'),
  temperature: mapped('temperature'),
  top_p: mapped('top_p'),
  top_logprobs: dropped('answers carry no log probabilities in this dialect'),
  store: mapped('keeps the response in RESPONSES_STORE when one is configured; never sent upstream'),
  background: unsupported('background responses need a job queue the proxy does not have'),
  include: mapped('`reasoning.encrypted_content` is always filled when the vendor has replayable reasoning'),
  previous_response_id: mapped('the conversation RESPONSES_STORE kept goes first; without a store or the id, a 400'),
  prompt_cache_key: mapped('prompt_cache_key'),
  prompt_cache_retention: dropped('OpenAI’s cache setting; other vendors cache on their own terms'),
  metadata: mapped('kept on the response object; not sent upstream (vendors other than OpenAI have no such field)'),
  truncation: dropped('the proxy never trims a conversation; an over-long one gets the vendor’s error'),
  service_tier: mapped('service_tier'),
  user: mapped('user'),
  safety_identifier: mapped('safety_identifier'),
} satisfies ResponsesRequestDecisions;
