import type { UpstreamBody } from './upstream-transport';

/**
 * A body read whole, refused past `limit` bytes without reading the rest. The cancel is not
 * awaited: some sources settle it only when their next chunk comes.
 */
export async function readLimited(body: UpstreamBody, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(value);
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
