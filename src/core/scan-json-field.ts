/**
 * One top-level field of a JSON object read from its bytes as they go by, for a body that is passed
 * on rather than parsed (a Message's `usage`): a small state machine over the bytes (strings,
 * escapes, nesting depth) that keeps only the field's value, so no copy of the document is held.
 * Bytes are enough: every structural character is ASCII, and no byte of a multi-byte UTF-8
 * character is below 0x80.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPENERS = new Set([0x7b, 0x5b]);
const CLOSERS = new Set([0x7d, 0x5d]);

/** A value larger than this is not what was looked for: it is given up rather than held. */
const MAX_VALUE_BYTES = 4096;

export class JsonFieldScanner {
  private readonly name: Uint8Array;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** at depth 1, the next string is a key */
  private expectKey = false;
  /** reading a key at depth 1: how much of `name` it matched so far, or -1 once it differs */
  private keyMatched: number | undefined;
  private nameSeen = false;
  private captured: number[] | undefined;
  private found: Uint8Array | undefined;

  constructor(name: string) {
    this.name = new TextEncoder().encode(name);
  }

  read(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (this.captured) this.capture(byte);
      if (this.inString) this.inStringByte(byte);
      else this.structureByte(byte);
    }
  }

  /** the field's value, once it was read whole */
  value(): unknown {
    if (!this.found) return undefined;
    try {
      return JSON.parse(new TextDecoder().decode(this.found));
    } catch {
      return undefined;
    }
  }

  private capture(byte: number): void {
    // The value ends at the comma or brace that closes it at the top level.
    if (!this.inString && this.depth === 1 && (byte === COMMA || CLOSERS.has(byte))) {
      this.found = Uint8Array.from(this.captured!);
      this.captured = undefined;
    } else if (this.captured!.push(byte) > MAX_VALUE_BYTES) {
      this.captured = undefined;
    }
  }

  private inStringByte(byte: number): void {
    if (this.escaped) {
      this.escaped = false;
      this.keyMatched = -1;
    } else if (byte === BACKSLASH) {
      this.escaped = true;
    } else if (byte === QUOTE) {
      this.inString = false;
      if (this.keyMatched !== undefined) this.nameSeen = this.keyMatched === this.name.length;
      this.keyMatched = undefined;
    } else if (this.keyMatched !== undefined && this.keyMatched >= 0) {
      this.keyMatched = this.name[this.keyMatched] === byte ? this.keyMatched + 1 : -1;
    }
  }

  private structureByte(byte: number): void {
    if (byte === QUOTE) {
      this.inString = true;
      if (this.depth === 1 && this.expectKey) this.keyMatched = 0;
    } else if (OPENERS.has(byte)) {
      this.depth += 1;
      if (this.depth === 1) this.expectKey = true;
    } else if (CLOSERS.has(byte)) {
      this.depth -= 1;
    } else if (this.depth === 1 && byte === COMMA) {
      this.expectKey = true;
    } else if (this.depth === 1 && byte === COLON) {
      this.expectKey = false;
      if (this.nameSeen && !this.found) this.captured = [];
      this.nameSeen = false;
    }
  }
}
