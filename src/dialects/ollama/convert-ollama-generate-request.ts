import { badRequest } from '../../core/errors';
import type { ModelInfo } from '../../core/provider';
import type { ChatMessage, ChatRequest } from '../../core/types';
import { ollamaUserContent } from './convert-ollama-messages';
import { convertOllamaSampling } from './convert-ollama-options';
import type { OllamaGenerateRequest } from './ollama-types';

/** An Ollama /api/generate request as a one-turn canonical chat (decisions in ollama-request-fields.ts). */
export function convertOllamaGenerateRequest(body: OllamaGenerateRequest, model: ModelInfo): ChatRequest {
  if (body.suffix) {
    // Ollama's own answer for a model without the `insert` capability.
    throw badRequest(
      `\`suffix\`: ${body.model} does not support insert (fill-in-the-middle); chat APIs have none.`,
      'suffix',
      'unsupported_parameter',
    );
  }
  const messages: ChatMessage[] = [];
  if (body.system && !body.raw) messages.push({ role: 'system', content: body.system });
  messages.push({ role: 'user', content: ollamaUserContent(body.prompt ?? '', body.images) });
  return { model: body.model, messages, stream: body.stream !== false, ...convertOllamaSampling(body, model) };
}
