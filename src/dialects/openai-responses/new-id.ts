/**
 * Item and response ids in OpenAI's style: a type prefix and 24 random bytes as hex. The bytes
 * come from a pool filled by one `getRandomValues` call per 128 ids: a call per id cost several
 * microseconds on Node (each is a trip into the runtime's CSPRNG), a few percent of a request.
 * The pool is filled on first use, not at load: Workers refuse randomness in global scope.
 */
const BYTES = 24;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const pool = new Uint8Array(BYTES * 128);
let next = pool.length;

export function newId(prefix: 'resp' | 'msg' | 'fc' | 'ctc' | 'rs'): string {
  if (next === pool.length) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  let id = `${prefix}_`;
  for (const end = next + BYTES; next < end; next++) id += HEX[pool[next]!];
  return id;
}
