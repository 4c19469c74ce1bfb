/**
 * `bytes` cut at `points` (each taken modulo the length + 1, duplicates dropped): the reads a
 * stream might arrive in, for tests that check a decoder or parser gives the same answer however
 * its input is split. Where two points meet, the piece between them is empty.
 */
export function cutBytes(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of [...at, bytes.length]) {
    pieces.push(bytes.slice(start, point));
    start = point;
  }
  return pieces;
}
