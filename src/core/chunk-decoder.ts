const STREAM = { stream: true } as const;

/**
 * A body's text, a chunk at a time, as TextDecoder in stream mode gives it (a leading BOM
 * dropped, a character split across chunks kept whole), with the cheap call wherever it gives
 * the same: a chunk that ends with an ASCII byte (nearly every one: SSE and NDJSON end events with
 * a line break), after one that did too, cannot hold or leave part of a character, and is decoded
 * on its own with ignoreBOM (on Node 20 several times cheaper than a stream-mode call).
 */
export class ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** the last chunk may have ended inside a character */
  private pending = false;
  private first = true;

  decode(chunk: Uint8Array): string {
    const whole = chunk.byteLength > 0 && chunk[chunk.byteLength - 1]! < 0x80;
    const text = whole && !this.pending ? this.decoder.decode(chunk) : this.decoder.decode(chunk, STREAM);
    this.pending = !whole;
    return this.first ? this.start(text) : text;
  }

  /** what is left at the end of the body (a character cut short, as U+FFFD) */
  end(): string {
    const text = this.pending ? this.decoder.decode() : '';
    this.pending = false;
    return this.first ? this.start(text) : text;
  }

  private start(text: string): string {
    if (!text) return text;
    this.first = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}
