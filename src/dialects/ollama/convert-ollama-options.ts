/**
 * What /api/chat and /api/generate share on their way to the canonical request: `options`,
 * `format` and `think` (decisions in ollama-request-fields.ts).
 */
import type { ModelInfo } from '../../core/provider';
import type { ChatRequest, ReasoningEffort } from '../../core/types';
import type { OllamaChatRequest } from './ollama-types';

/** The canonical request plus `top_k`, a vendor extra the openai-compatible family passes on. */
export type SamplingFields = Partial<ChatRequest> & { top_k?: number };

type Think = OllamaChatRequest['think'];

// `think: true` asks for the model's usual thinking: OpenAI's default effort.
const THINK_ON: ReasoningEffort = 'medium';

function reasoningEffort(think: Think, model: ModelInfo): ReasoningEffort | undefined {
  if (think === undefined) return undefined;
  if (think === true) return THINK_ON;
  // Only a reasoning model has thinking to switch off; others may refuse reasoning_effort.
  if (think === false) return model.reasoning ? 'none' : undefined;
  return think;
}

export function convertOllamaSampling(body: Pick<OllamaChatRequest, 'options' | 'format' | 'think'>, model: ModelInfo): SamplingFields {
  const out: SamplingFields = {};
  const o = body.options ?? {};
  if (o.temperature !== undefined) out.temperature = o.temperature;
  if (o.top_p !== undefined) out.top_p = o.top_p;
  if (o.top_k !== undefined) out.top_k = o.top_k;
  // Ollama's -1 is "no limit" and -2 "fill the context": both mean no max_tokens.
  if (o.num_predict !== undefined && o.num_predict >= 0) out.max_tokens = o.num_predict;
  if (o.stop !== undefined) out.stop = o.stop;
  if (o.seed !== undefined) out.seed = o.seed;
  if (o.presence_penalty !== undefined) out.presence_penalty = o.presence_penalty;
  if (o.frequency_penalty !== undefined) out.frequency_penalty = o.frequency_penalty;
  if (body.format === 'json') out.response_format = { type: 'json_object' };
  else if (body.format) out.response_format = { type: 'json_schema', json_schema: { name: 'response', schema: body.format } };
  const effort = reasoningEffort(body.think, model);
  if (effort) out.reasoning_effort = effort;
  return out;
}
