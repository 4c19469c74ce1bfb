/**
 * The JSON text of a canonical chunk, where a family had it without serializing: an
 * OpenAI-compatible upstream's chunk that normalizing left as it came is its event's own data.
 * The OpenAI dialect writes that text instead of stringifying the chunk again. A chunk is never
 * changed once a family handed it on, so the text stays its JSON.
 *
 * The text travels in the chunk, in a private field: JSON.stringify, deep equality and every
 * reader of the chunk see its own fields only (cheaper than a WeakMap entry per chunk).
 */
import type { ChatChunk } from './types';

class ChunkWithJson {
  readonly #json: string;

  constructor(json: string) {
    this.#json = json;
  }

  static jsonOf(chunk: object): string | undefined {
    return #json in chunk ? (chunk as ChunkWithJson).#json : undefined;
  }
}

/** For a family: `chunk`, the same fields in the same order, carrying `json` as its JSON (the same value, as the upstream wrote it). */
export function withJson(chunk: ChatChunk, json: string): ChatChunk {
  // Copying an own `__proto__` would set the prototype instead.
  if (Object.hasOwn(chunk, '__proto__')) return chunk;
  return Object.assign(new ChunkWithJson(json), chunk) as unknown as ChatChunk;
}

/** `chunk` as JSON: the text it came as, else serialized. */
export function chunkJson(chunk: ChatChunk): string {
  return ChunkWithJson.jsonOf(chunk) ?? JSON.stringify(chunk);
}
