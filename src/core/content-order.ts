/**
 * The canonical assistant message (Chat Completions') has one `content` and then `tool_calls`: it
 * cannot say that a text came after a call. `content_order` (specs/canonical.yaml) says it, for the
 * families whose upstream keeps a turn's parts in order (Gemini); the others read content and
 * calls as before. A dialect notes each piece as its turn gives it, and keeps the order only when
 * it says more than the message does.
 */
import type { AssistantPiece } from './types';

/** The pieces, when a text follows a call; undefined when every text came first. */
export function interleavedOrder(pieces: readonly AssistantPiece[]): AssistantPiece[] | undefined {
  const firstCall = pieces.findIndex((piece) => piece.type === 'tool_call');
  return firstCall >= 0 && pieces.slice(firstCall).some((piece) => piece.type === 'text') ? [...pieces] : undefined;
}
