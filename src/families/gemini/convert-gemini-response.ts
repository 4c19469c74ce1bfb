import { ProxyError } from '../../core/errors';
import type { ChatResponse, ChatResponseMessage } from '../../core/types';
import { convertGeminiParts } from './convert-gemini-parts';
import { mapGeminiFinishReason } from './map-gemini-finish-reason';
import { mapGeminiUsage } from './map-gemini-usage';
import type { GeminiResponse } from './types';

/** A prompt Gemini refused to answer: a 400 with code content_filter, as OpenAI's moderation gives. */
export function blockedPrompt(providerName: string, reason: string): ProxyError {
  return new ProxyError(`${providerName} blocked the prompt (${reason}).`, {
    status: 400,
    type: 'invalid_request_error',
    code: 'content_filter',
  });
}

/** generateContent response -> OpenAI chat completion, one choice per candidate. */
export function convertGeminiResponse(response: GeminiResponse, model: string, providerName: string): ChatResponse {
  const candidates = response.candidates ?? [];
  if (candidates.length === 0 && response.promptFeedback?.blockReason)
    throw blockedPrompt(providerName, response.promptFeedback.blockReason);
  const body: ChatResponse = {
    id: response.responseId ? `chatcmpl-${response.responseId}` : `chatcmpl-${crypto.randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: response.modelVersion ?? model,
    choices: candidates.map((candidate, position) => {
      const index = candidate.index ?? position;
      const pieces = convertGeminiParts(candidate.content?.parts ?? [], { responseId: response.responseId, candidate: index, nextCall: 0 });
      const message: ChatResponseMessage = { role: 'assistant', content: pieces.text || (pieces.toolCalls.length ? null : '') };
      if (pieces.reasoning) message.reasoning_content = pieces.reasoning;
      if (pieces.toolCalls.length) message.tool_calls = pieces.toolCalls;
      return { index, message, finish_reason: mapGeminiFinishReason(candidate.finishReason, pieces.toolCalls.length > 0) };
    }),
  };
  if (response.usageMetadata) body.usage = mapGeminiUsage(response.usageMetadata);
  return body;
}
