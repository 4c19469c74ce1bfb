/**
 * Item and response ids in OpenAI's style: a type prefix and 24 random bytes as hex. The bytes
 * come from a pool filled by one `getRandomValues` call per 128 ids: a call per id cost several
 * microseconds on Node (each is a trip into the runtime's CSPRNG), a few percent of a request.
 * The pool is filled on first use, not at load: Workers refuse randomness in global scope.
 *
 * The hex is written as bytes and decoded once, into one flat string: appended two digits at a
 * time, an id was a tree of 24 strings (about 700 bytes, where this is about 100) until V8
 * flattened it, by a copy, the first time it was serialized; and this takes half the time.
 */
const BYTES = 24;
const DIGITS = new TextEncoder().encode('0123456789abcdef');
const pool = new Uint8Array(BYTES * 128);
let next = pool.length;
const hex = new Uint8Array(BYTES * 2);
const decoder = new TextDecoder();

export function newId(prefix: 'resp' | 'msg' | 'fc' | 'ctc' | 'rs'): string {
  if (next === pool.length) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  for (let at = 0; at < hex.length; at += 2, next++) {
    const byte = pool[next]!;
    hex[at] = DIGITS[byte >> 4]!;
    hex[at + 1] = DIGITS[byte & 15]!;
  }
  return `${prefix}_${decoder.decode(hex)}`;
}
