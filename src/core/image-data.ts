/**
 * Images as bytes for upstreams that need them inline: data URLs decoded, http(s) URLs fetched
 * with a size and time limit, and the media type read from the bytes (clients often label a PNG
 * as image/jpeg, and Anthropic and Gemini refuse a mismatch).
 */
import { badRequest } from './errors';
import { readLimited } from './read-limited';

export interface InlineImage {
  mediaType: string;
  /** base64, without the data URL prefix */
  data: string;
}

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15000;

/** The media type announced by the first bytes, for the formats every vision API takes. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'image/gif';
  if (
    b[0] === 0x52 &&
    b[1] === 0x49 &&
    b[2] === 0x46 &&
    b[3] === 0x46 &&
    b[8] === 0x57 &&
    b[9] === 0x45 &&
    b[10] === 0x42 &&
    b[11] === 0x50
  ) {
    return 'image/webp';
  }
  return undefined;
}

function base64Head(data: string): Uint8Array {
  // 16 base64 characters are 12 bytes: enough for every signature above.
  const head = atob(data.slice(0, 16).replace(/[^A-Za-z0-9+/]/g, ''));
  return Uint8Array.from(head, (c) => c.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

/** A `data:` URL split into media type and base64 payload; undefined for any other URL. */
export function parseDataUrl(url: string): InlineImage | undefined {
  const match = /^data:([^;,]*)(;[^,]*)?,(.*)$/s.exec(url);
  if (!match) return undefined;
  const isBase64 = (match[2] ?? '').includes(';base64');
  const data = isBase64 ? match[3]!.replace(/\s+/g, '') : btoa(decodeURIComponent(match[3]!));
  let sniffed: string | undefined;
  try {
    sniffed = sniffImageType(base64Head(data));
  } catch {
    throw badRequest('An image data URL is not valid base64.', null, 'invalid_image');
  }
  return { mediaType: sniffed ?? (match[1] || 'application/octet-stream'), data };
}

/** Downloads an image URL for an upstream that only takes inline images. */
export async function fetchImage(url: string, signal?: AbortSignal): Promise<InlineImage> {
  if (!/^https?:\/\//i.test(url))
    throw badRequest(`Unsupported image URL \`${url.slice(0, 80)}\`: use https:// or a data: URL.`, null, 'invalid_image');
  const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch {
    throw badRequest(`Could not download the image at ${url.slice(0, 200)} within ${FETCH_TIMEOUT_MS / 1000} s.`, null, 'invalid_image');
  }
  if (!response.ok || !response.body) {
    throw badRequest(`Downloading the image at ${url.slice(0, 200)} failed with HTTP ${response.status}.`, null, 'invalid_image');
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_IMAGE_BYTES)
    throw badRequest(`The image at ${url.slice(0, 200)} is larger than ${MAX_IMAGE_BYTES} bytes.`, null, 'invalid_image');
  const bytes = await readLimited(response.body, MAX_IMAGE_BYTES, () =>
    badRequest(`The image at ${url.slice(0, 200)} is larger than ${MAX_IMAGE_BYTES} bytes.`, null, 'invalid_image'),
  );
  const mediaType = sniffImageType(bytes) ?? response.headers.get('content-type')?.split(';')[0]?.trim() ?? 'application/octet-stream';
  return { mediaType, data: toBase64(bytes) };
}
