/**
 * What the Ollama dialect does with each field of an Ollama request on its way to the canonical
 * (OpenAI chat) request. The skeletons are generated from specs/ollama.yaml, so a field added
 * there stops compilation until it is decided here; `test/ollama-dialect/request-mapping.test.ts`
 * checks that each decision is what the converters do.
 */
import type { OllamaChatRequestDecisions } from '../../../generated/mappings/ollama-chat-request';
import type { OllamaEmbedRequestDecisions } from '../../../generated/mappings/ollama-embed-request';
import type { OllamaEmbeddingsRequestDecisions } from '../../../generated/mappings/ollama-embeddings-request';
import type { OllamaGenerateRequestDecisions } from '../../../generated/mappings/ollama-generate-request';
import type { OllamaModelOptionsDecisions } from '../../../generated/mappings/ollama-model-options';
import { dropped, mapped, unsupported } from '../../core/field-decisions';

const NO_MODEL_TO_LOAD = 'a hosted model is always loaded; nothing to keep alive';

export const ollamaChatRequestFields = {
  model: mapped('routed like any model name; `name:latest` is `name`'),
  messages: mapped('images become image_url data URLs; tool calls get ids from their position and tool results are paired by tool_name'),
  tools: mapped('same shape as OpenAI tools'),
  format: mapped('`json` -> response_format json_object; a schema -> json_schema'),
  options: mapped('see the options decisions'),
  stream: mapped('absent means true, as in Ollama'),
  think: mapped('true -> reasoning_effort medium, a level -> that level, false -> none on reasoning models'),
  keep_alive: dropped(NO_MODEL_TO_LOAD),
} satisfies OllamaChatRequestDecisions;

export const ollamaGenerateRequestFields = {
  model: mapped('as in chat'),
  prompt: mapped('the user message; an empty prompt answers done_reason load, as Ollama does'),
  suffix: unsupported('chat APIs have no fill-in-the-middle, so no model here has the `insert` capability'),
  system: mapped('a system message before the prompt'),
  template: dropped('the provider applies its own chat template'),
  context: dropped('chat APIs keep no token state; send the conversation to /api/chat instead'),
  images: mapped('image_url data URLs in the user message'),
  format: mapped('as in chat'),
  options: mapped('as in chat'),
  stream: mapped('as in chat'),
  think: mapped('as in chat'),
  raw: mapped('the prompt alone, without the system message, as Ollama leaves out the template'),
  keep_alive: dropped(NO_MODEL_TO_LOAD),
} satisfies OllamaGenerateRequestDecisions;

const LOCAL_RUNTIME = 'a setting of a local Ollama runtime; a hosted model has none';
const NO_SUCH_SAMPLER = 'chat APIs offer no such sampler';

export const ollamaModelOptionFields = {
  num_keep: dropped(LOCAL_RUNTIME),
  seed: mapped('seed'),
  num_predict: mapped('max_tokens; -1 and -2 (no limit) send none'),
  top_k: mapped('top_k, sent as a vendor extra (OpenAI itself refuses it)'),
  top_p: mapped('top_p'),
  min_p: dropped(NO_SUCH_SAMPLER),
  typical_p: dropped(NO_SUCH_SAMPLER),
  repeat_last_n: dropped(NO_SUCH_SAMPLER),
  temperature: mapped('temperature'),
  repeat_penalty: dropped('chat APIs have presence_penalty and frequency_penalty instead'),
  presence_penalty: mapped('presence_penalty'),
  frequency_penalty: mapped('frequency_penalty'),
  mirostat: dropped(NO_SUCH_SAMPLER),
  mirostat_tau: dropped(NO_SUCH_SAMPLER),
  mirostat_eta: dropped(NO_SUCH_SAMPLER),
  stop: mapped('stop'),
  num_ctx: dropped("a hosted model's context window is fixed (/api/show reports it)"),
  num_batch: dropped(LOCAL_RUNTIME),
  num_gpu: dropped(LOCAL_RUNTIME),
  main_gpu: dropped(LOCAL_RUNTIME),
  use_mmap: dropped(LOCAL_RUNTIME),
  num_thread: dropped(LOCAL_RUNTIME),
} satisfies OllamaModelOptionsDecisions;

const NOT_FOR_EMBEDDINGS = 'sampling settings do not apply to embeddings';

export const ollamaEmbedRequestFields = {
  model: mapped('as in chat'),
  input: mapped('input'),
  truncate: dropped('the provider decides; most refuse an input longer than the model takes'),
  dimensions: mapped('dimensions'),
  options: dropped(NOT_FOR_EMBEDDINGS),
  keep_alive: dropped(NO_MODEL_TO_LOAD),
} satisfies OllamaEmbedRequestDecisions;

export const ollamaEmbeddingsRequestFields = {
  model: mapped('as in chat'),
  prompt: mapped('input'),
  options: dropped(NOT_FOR_EMBEDDINGS),
  keep_alive: dropped(NO_MODEL_TO_LOAD),
} satisfies OllamaEmbeddingsRequestDecisions;
