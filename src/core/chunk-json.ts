/**
 * The JSON text of a canonical chunk, without serializing all of it where a family knows it
 * already or knows most of it:
 * - an OpenAI-compatible upstream's chunk that normalizing left as it came is its event's own
 *   data (`withJson`);
 * - a chunk a family made from its stream's identity (`deltaChunk`, stream-chunks.ts) repeats the
 *   identity's id, creation time and model in every chunk: that part of its JSON is made once per
 *   stream (again only if the id or model change), and only the delta and the finish reason are
 *   serialized per chunk: 0.42 µs a text chunk, against 1.47 to serialize it whole
 *   (bench/chunk-writing-cpu.ts).
 * The OpenAI dialect writes that text instead of stringifying the chunk. A chunk is never changed
 * once a family handed it on, so the text stays its JSON.
 *
 * What a chunk knows travels in it, in private fields: JSON.stringify, deep equality and every
 * reader of the chunk see its own fields only (cheaper than a WeakMap entry per chunk).
 */
import type { ChatChunk, ChatChunkDelta, FinishReason } from './types';

/**
 * A base class whose constructor returns the object it is given: a subclass's private fields are
 * then added to that object itself. That is how the upstream's text is put in its parsed chunk,
 * in place, with no copy of the chunk.
 */
class InPlace {
  constructor(target: object) {
    return target;
  }
}

class ChunkWithJson extends InPlace {
  readonly #json: string;

  constructor(chunk: object, json: string) {
    super(chunk);
    this.#json = json;
  }

  static jsonOf(chunk: object): string | undefined {
    return #json in chunk ? (chunk as ChunkWithJson).#json : undefined;
  }
}

/** For a family: `chunk` itself, carrying `json` as its JSON (the same value, as the upstream wrote it). */
export function withJson(chunk: ChatChunk, json: string): ChatChunk {
  new ChunkWithJson(chunk, json);
  return chunk;
}

/** The JSON a stream's chunks open with, up to the delta of their one choice: kept for the last id, model and index seen. */
export class ChunkJsonPrefix {
  #id: string | undefined;
  #model: string | undefined;
  #created = 0;
  #index = 0;
  #text = '';

  of(id: string, created: number, model: string, index: number): string {
    if (id !== this.#id || model !== this.#model || created !== this.#created || index !== this.#index) {
      this.#id = id;
      this.#model = model;
      this.#created = created;
      this.#index = index;
      this.#text = `{"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${JSON.stringify(created)},"model":${JSON.stringify(model)},"choices":[{"index":${JSON.stringify(index)},"delta":`;
    }
    return this.#text;
  }
}

/** A chunk with one choice, made by `deltaChunk`: the fields of the plain object, in its order. */
class DeltaChunk {
  readonly #prefix: ChunkJsonPrefix;
  // Declared only: the constructor defines them, in the plain object's order.
  declare readonly id: string;
  declare readonly object: 'chat.completion.chunk';
  declare readonly created: number;
  declare readonly model: string;
  declare readonly choices: [{ index: number; delta: ChatChunkDelta; finish_reason: FinishReason }];

  constructor(
    prefix: ChunkJsonPrefix,
    id: string,
    created: number,
    model: string,
    index: number,
    delta: ChatChunkDelta,
    finish: FinishReason,
  ) {
    this.#prefix = prefix;
    this.id = id;
    this.object = 'chat.completion.chunk';
    this.created = created;
    this.model = model;
    this.choices = [{ index, delta, finish_reason: finish }];
  }

  static jsonOf(chunk: object): string | undefined {
    if (!(#prefix in chunk)) return undefined;
    const { id, created, model, choices } = chunk as DeltaChunk;
    const [{ index, delta, finish_reason }] = choices;
    // A field the vendor left out (its id or model) is left out by JSON.stringify, not written as undefined: serialized whole.
    if (id === undefined || model === undefined) return undefined;
    const end = finish_reason === null ? ',"finish_reason":null}]}' : `,"finish_reason":${JSON.stringify(finish_reason)}}]}`;
    return (chunk as DeltaChunk).#prefix.of(id, created, model, index) + JSON.stringify(delta) + end;
  }
}

/** A chunk of one choice (`index`) whose JSON opens with `prefix`'s: for stream-chunks.ts's `deltaChunk`. */
export function prefixedChunk(
  prefix: ChunkJsonPrefix,
  { id, created, model }: { readonly id: string; readonly created: number; readonly model: string },
  index: number,
  delta: ChatChunkDelta,
  finish: FinishReason,
): ChatChunk {
  return new DeltaChunk(prefix, id, created, model, index, delta, finish) as unknown as ChatChunk;
}

/** `chunk` as JSON: the text it came as, or its prefix and delta, else serialized. */
export function chunkJson(chunk: ChatChunk): string {
  return ChunkWithJson.jsonOf(chunk) ?? DeltaChunk.jsonOf(chunk) ?? JSON.stringify(chunk);
}
