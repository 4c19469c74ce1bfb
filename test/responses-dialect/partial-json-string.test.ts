/**
 * The freeform tool input decoder: for any split of the JSON arguments, the pieces' texts add up
 * to the parsed value, and no piece ends in half a surrogate pair. The arguments are what a
 * vendor streams for a function with one string argument (Chat Completions' `arguments` deltas,
 * Anthropic's `partial_json`): JSON text per RFC 8259.
 */
import { describe, expect, it } from 'vitest';
import { PartialJsonString } from '../../src/dialects/openai-responses/partial-json-string';

const PATCH = '*** Begin Patch\n*** Add File: "é.txt"\n+tab\there \\ back 😀 done\n*** End Patch\n';

/** The same value with its non-ASCII characters escaped as `\uXXXX`, as some encoders write it. */
const asciiOnly = (json: string) => json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const decode = (pieces: string[]) => {
  const decoder = new PartialJsonString('input');
  return pieces.map((piece) => decoder.push(piece));
};

describe('PartialJsonString', () => {
  it.each([
    ['compact', JSON.stringify({ input: PATCH })],
    ['spaced', `{ "input" : ${JSON.stringify(PATCH)} }`],
    ['ascii-escaped', asciiOnly(JSON.stringify({ input: PATCH }))],
  ])('%s: every split into two and into single characters gives the whole input', (_name, json) => {
    for (let cut = 0; cut <= json.length; cut++) {
      const out = decode([json.slice(0, cut), json.slice(cut)]);
      expect(out.join('')).toBe(PATCH);
      for (const text of out) expect(/[\ud800-\udbff]$/.test(text)).toBe(false);
    }
    const perChar = decode([...json]);
    expect(perChar.join('')).toBe(PATCH);
    // Text comes out as it arrives: more than one piece carried some of it.
    expect(perChar.filter(Boolean).length).toBeGreaterThan(10);
  });

  it('gives nothing for arguments of another shape (the caller sends the parsed input at the end)', () => {
    expect(decode(['{"other": 1, "input": "x"}']).join('')).toBe('');
    expect(decode(['{"\\u0069nput": "x"}']).join('')).toBe('');
    expect(decode(['not json']).join('')).toBe('');
  });

  it('stops at the closing quote', () => {
    expect(decode(['{"input": "a"', ', "input": "b"}']).join('')).toBe('a');
  });
});
