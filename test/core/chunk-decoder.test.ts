/**
 * ChunkDecoder gives what TextDecoder in stream mode gives, for any text cut anywhere: characters
 * split across chunks, a leading BOM (dropped) and a BOM later on (kept), bytes that are not UTF-8.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from '../../src/core/chunk-decoder';
import { cutBytes } from '../helpers/cut-bytes';

const reference = (chunks: Uint8Array[]): string => {
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
};
const decoded = (chunks: Uint8Array[]): string => {
  const decoder = new ChunkDecoder();
  return chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.end();
};

describe('ChunkDecoder', () => {
  it('decodes as TextDecoder in stream mode does, however the bytes are cut', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\uFEFFdata: é\n\n', 'a\uFEFFb\n', '你好\n', '😀\n\n'));
    const bytes = fc.oneof(
      text.map((t) => new TextEncoder().encode(t)),
      fc.uint8Array({ maxLength: 64 }),
      fc
        .tuple(fc.constantFrom(...[0xef, 0xbb, 0xbf, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0x0a]), fc.uint8Array({ maxLength: 8 }))
        .map(([b, rest]) => Uint8Array.from([b, ...rest, 0x0a])),
    );
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 12 }), (parts, points) => {
        const whole = Uint8Array.from(parts.flatMap((p) => [...p]));
        const chunks = cutBytes(whole, points);
        expect(decoded(chunks)).toBe(reference(chunks));
      }),
      { numRuns: 2000 },
    );
  });

  it('drops a leading BOM, also one split across the first chunks, and keeps a later one', () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(decoded([Uint8Array.from([...bom, 0x61, 0x0a])])).toBe('a\n');
    expect(decoded([Uint8Array.from(bom.slice(0, 2)), Uint8Array.from([...bom.slice(2), 0x61, 0x0a])])).toBe('a\n');
    expect(decoded([Uint8Array.from([0x61, 0x0a]), Uint8Array.from([...bom, 0x62, 0x0a])])).toBe('a\n\uFEFFb\n');
  });
});
