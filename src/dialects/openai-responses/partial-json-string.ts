/**
 * A freeform tool's input as it streams: upstream it is the one string argument of a function,
 * so its arguments arrive as pieces of the JSON text `{"input": "..."}`. This decodes that
 * string as the pieces come, escapes and all, and gives for each piece the text it completes, so
 * `response.custom_tool_call_input.delta` follows the upstream's own deltas. An escape or a
 * surrogate pair cut between two pieces is held until it is whole. Arguments of any other shape
 * (another key first, an escaped key) give nothing here; the caller sends the input parsed whole
 * at the end, which also covers whatever this left out.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming/response/custom_tool_call_input/delta
 * @see https://www.rfc-editor.org/rfc/rfc8259#section-7
 */

/** The tokens before the string value, whitespace allowed between them. */
const opening = (key: string): readonly string[] => ['{', JSON.stringify(key), ':', '"'];

const WHITESPACE = /[ \t\n\r]/;
const SPECIAL = /["\\]/g;

const isHighSurrogate = (text: string): boolean => {
  const code = text.charCodeAt(text.length - 1);
  return code >= 0xd800 && code <= 0xdbff;
};

export class PartialJsonString {
  private readonly tokens: readonly string[];
  private token = 0;
  private at = 0;
  private state: 'opening' | 'string' | 'closed' | 'other' = 'opening';
  /** an escape begun at the end of a piece (`\`, `\u00`) */
  private escape = '';
  /** a high surrogate decoded last, waiting for its pair */
  private held = '';
  /** all the text given out so far */
  text = '';

  constructor(key: string) {
    this.tokens = opening(key);
  }

  /** The decoded text this piece of JSON completes (may be empty). */
  push(piece: string): string {
    let i = 0;
    while (this.state === 'opening' && i < piece.length) i = this.open(piece, i);
    if (this.state !== 'string') return '';
    let out = this.held;
    this.held = '';
    while (i < piece.length && this.state === 'string') {
      if (this.escape) {
        this.escape += piece[i++];
        const whole = this.escape[1] === 'u' ? this.escape.length === 6 : this.escape.length === 2;
        if (!whole) continue;
        out += this.unescape(this.escape);
        this.escape = '';
        continue;
      }
      SPECIAL.lastIndex = i;
      const special = SPECIAL.exec(piece);
      const end = special ? special.index : piece.length;
      out += piece.slice(i, end);
      i = end;
      if (!special) break;
      i += 1;
      if (special[0] === '"') this.state = 'closed';
      else this.escape = '\\';
    }
    // A pair's first half alone would reach the client as U+FFFD once encoded as UTF-8.
    if (this.state === 'string' && out && isHighSurrogate(out)) {
      this.held = out.slice(-1);
      out = out.slice(0, -1);
    }
    this.text += out;
    return out;
  }

  /** Matches one character of the opening; gives the next index. */
  private open(piece: string, i: number): number {
    const char = piece[i]!;
    if (this.at === 0 && WHITESPACE.test(char)) return i + 1;
    const token = this.tokens[this.token]!;
    if (char !== token[this.at]) {
      this.state = 'other';
      return i;
    }
    this.at += 1;
    if (this.at === token.length) {
      this.token += 1;
      this.at = 0;
      if (this.token === this.tokens.length) this.state = 'string';
    }
    return i + 1;
  }

  private unescape(escape: string): string {
    try {
      return JSON.parse(`"${escape}"`) as string;
    } catch {
      // Not JSON: the input parsed whole at the end is what counts; stop here.
      this.state = 'other';
      return '';
    }
  }
}
