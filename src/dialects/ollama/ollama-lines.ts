/**
 * One line of an Ollama reply, shaped for its endpoint: /api/chat carries the piece in `message`,
 * /api/generate in `response`. A line with `done` fields is the last one (or the whole reply).
 */
import type { ReplyDone, ReplyPiece } from './ollama-reply';
import type { OllamaChatResponse, OllamaGenerateResponse, OllamaMessage } from './ollama-types';

export type LineShape = (model: string, piece: ReplyPiece, done?: ReplyDone) => OllamaChatResponse | OllamaGenerateResponse;

export function chatLine(model: string, piece: ReplyPiece, done?: ReplyDone): OllamaChatResponse {
  const message: OllamaMessage = { role: 'assistant', content: piece.content };
  if (piece.thinking) message.thinking = piece.thinking;
  if (piece.toolCalls?.length) message.tool_calls = piece.toolCalls;
  return { model, created_at: new Date().toISOString(), message, done: done !== undefined, ...done };
}

/** /api/generate sends no tools, so a generate reply has no tool calls to carry. */
export function generateLine(model: string, piece: ReplyPiece, done?: ReplyDone): OllamaGenerateResponse {
  const line: OllamaGenerateResponse = {
    model,
    created_at: new Date().toISOString(),
    response: piece.content,
    done: done !== undefined,
    ...done,
  };
  if (piece.thinking) line.thinking = piece.thinking;
  return line;
}
