/**
 * One line of an Ollama reply, shaped for its endpoint: /api/chat carries the piece in `message`,
 * /api/generate in `response`. A line with `done` fields is the last one (or the whole reply).
 */
import type { ReplyDone, ReplyPiece } from './ollama-reply';
import type { OllamaChatResponse, OllamaGenerateResponse, OllamaMessage } from './ollama-types';

let second = Number.NaN;
let secondText = '';

/**
 * `new Date().toISOString()`, with the part up to the second made once a second: a line per
 * streamed chunk otherwise spends more on its timestamp than on the rest of it.
 */
export function isoNow(): string {
  const ms = Date.now();
  const at = Math.floor(ms / 1000);
  // up to and with the '.' before the milliseconds, whatever the year's width
  if (at !== second) {
    second = at;
    secondText = new Date(at * 1000).toISOString().slice(0, -4);
  }
  const fraction = ms - at * 1000;
  return `${secondText}${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}Z`;
}

/**
 * A line of the reply, shaped for its endpoint; and, for nearly every line of a stream (text alone,
 * not the last), its NDJSON written from the model's JSON without making and serializing a line
 * object: exactly what serializing the line gives, at about a fifth of the cost per chunk
 * (bench/chunk-writing-cpu.ts).
 */
export interface LineShape {
  (model: string, piece: ReplyPiece, done?: ReplyDone): OllamaChatResponse | OllamaGenerateResponse;
  /** `JSON.stringify(shape(model, { content }))` and its line break, `modelJson` being `JSON.stringify(model)` */
  readonly textLine: (modelJson: string, content: string) => string;
}

export const chatLine: LineShape = Object.assign(
  (model: string, piece: ReplyPiece, done?: ReplyDone): OllamaChatResponse => {
    const message: OllamaMessage = { role: 'assistant', content: piece.content };
    if (piece.thinking) message.thinking = piece.thinking;
    if (piece.toolCalls?.length) message.tool_calls = piece.toolCalls;
    return { model, created_at: isoNow(), message, done: done !== undefined, ...done };
  },
  {
    textLine: (modelJson: string, content: string) =>
      `{"model":${modelJson},"created_at":"${isoNow()}","message":{"role":"assistant","content":${JSON.stringify(content)}},"done":false}\n`,
  },
);

/** /api/generate sends no tools, so a generate reply has no tool calls to carry. */
export const generateLine: LineShape = Object.assign(
  (model: string, piece: ReplyPiece, done?: ReplyDone): OllamaGenerateResponse => {
    const line: OllamaGenerateResponse = {
      model,
      created_at: isoNow(),
      response: piece.content,
      done: done !== undefined,
      ...done,
    };
    if (piece.thinking) line.thinking = piece.thinking;
    return line;
  },
  {
    textLine: (modelJson: string, content: string) =>
      `{"model":${modelJson},"created_at":"${isoNow()}","response":${JSON.stringify(content)},"done":false}\n`,
  },
);
