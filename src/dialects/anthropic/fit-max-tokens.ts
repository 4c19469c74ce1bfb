/**
 * Anthropic's `max_tokens` is required, so clients size it for Claude (Claude Code sends 32000);
 * a translated target with a smaller output limit refuses such a value with a 400 (DeepSeek's
 * deepseek-chat takes at most 8192, OpenAI's gpt-4o 16384). Where the catalog knows the model's
 * limit, the request asks for at most that.
 * @see https://api-docs.deepseek.com/quick_start/pricing
 * @see https://platform.openai.com/docs/models/gpt-4o
 */
import type { ModelInfo } from '../../core/provider';
import type { ChatRequest } from '../../core/types';

export function fitMaxTokens<T extends ChatRequest>(request: T, model: ModelInfo): T {
  const limit = model.maxOutputTokens;
  if (limit === undefined || request.max_tokens == null || request.max_tokens <= limit) return request;
  return { ...request, max_tokens: limit };
}
