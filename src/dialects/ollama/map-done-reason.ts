import type { FinishReason } from '../../core/types';

/**
 * OpenAI's finish_reason as Ollama's done_reason. Ollama ends a turn that called tools with
 * `stop`; a content filter keeps its own name so the client can tell why the text stopped.
 */
export function mapDoneReason(finish: FinishReason | undefined): string {
  if (finish === 'length') return 'length';
  if (finish === 'content_filter') return 'content_filter';
  return 'stop';
}
