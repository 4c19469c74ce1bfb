import type { ChatRequestDecisions } from '../../../generated/mappings/chat-request';
import { dropped, mapped, unsupported } from '../../core/field-decisions';

const bot = (what: string) => dropped(`a Coze bot's ${what} is set in the bot, not per request`);

/**
 * OpenAI chat request -> Coze `POST /v3/chat`: a bot answers with the model, prompt, plugins
 * and settings it was built with, so most sampling fields have nowhere to go.
 * @see https://www.coze.com/docs/developer_guides/chat_v3
 */
export const cozeRequestFields = {
  model: mapped('the bot: bot_id from COZE_BOTS'),
  messages: mapped('additional_messages; system text folded into the next user turn; tool turns as function_call and tool_response'),
  stream: mapped('always streamed upstream; a non-streamed client gets the collected answer'),
  stream_options: mapped('the usage chunk comes from conversation.chat.completed'),
  temperature: bot('temperature'),
  top_p: bot('top_p'),
  max_tokens: bot('output limit'),
  max_completion_tokens: bot('output limit'),
  n: unsupported('a bot gives one answer per chat'),
  stop: bot('stop sequences'),
  seed: bot('seed'),
  presence_penalty: bot('presence penalty'),
  frequency_penalty: bot('frequency penalty'),
  logit_bias: bot('logit bias'),
  logprobs: unsupported('Coze returns no log probabilities'),
  top_logprobs: unsupported('Coze returns no log probabilities'),
  user: mapped('user_id (default llm-api-proxy)'),
  safety_identifier: mapped('user_id when user is not set'),
  prompt_cache_key: dropped('Coze has no prompt cache key'),
  metadata: dropped('OpenAI stored-completion metadata has no Coze counterpart'),
  store: dropped('the proxy sends the history each time: auto_save_history is off'),
  service_tier: dropped('no service tiers'),
  modalities: dropped('text output only'),
  audio: unsupported('audio output is not translated'),
  prediction: dropped('no predicted outputs'),
  web_search_options: bot('plugins'),
  verbosity: dropped('no verbosity setting'),
  reasoning_effort: bot('model and its reasoning'),
  response_format: bot('output format'),
  tools: bot('plugins and workflows'),
  tool_choice: bot('plugins and workflows'),
  parallel_tool_calls: bot('plugins and workflows'),
  functions: bot('plugins and workflows'),
  function_call: bot('plugins and workflows'),
} satisfies ChatRequestDecisions;
