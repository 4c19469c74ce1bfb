import type { ModelInfo } from '../../core/provider';
import type { ChatRequest } from '../../core/types';
import { convertOllamaMessages } from './convert-ollama-messages';
import { convertOllamaSampling } from './convert-ollama-options';
import type { OllamaChatRequest } from './ollama-types';

/** An Ollama /api/chat request as the canonical request (decisions in ollama-request-fields.ts). */
export function convertOllamaChatRequest(body: OllamaChatRequest, model: ModelInfo): ChatRequest {
  const request: ChatRequest = {
    model: body.model,
    messages: convertOllamaMessages(body.messages),
    stream: body.stream !== false,
    ...convertOllamaSampling(body, model),
  };
  if (body.tools?.length) request.tools = body.tools;
  return request;
}
