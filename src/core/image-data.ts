/**
 * Images as bytes for upstreams that need them inline: data URLs decoded, http(s) URLs fetched
 * with a size and time limit, and the media type read from the bytes (clients often label a PNG
 * as image/jpeg, and Anthropic and Gemini refuse a mismatch).
 */
import { ProxyError, badRequest } from './errors';
import { fetchPublicUrl } from './fetch-public-url';
import type { ImagePolicy } from './provider';
import { readLimited } from './read-limited';

export interface InlineImage {
  mediaType: string;
  /** base64, without the data URL prefix */
  data: string;
}

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

/** Downloads an image URL for an upstream that only takes inline images (fetch-public-url.ts decides where it may go). */
export async function fetchImage(url: string, policy: ImagePolicy, signal?: AbortSignal): Promise<InlineImage> {
  if (!/^https?:\/\//i.test(url))
    throw badRequest(`Unsupported image URL \`${url.slice(0, 80)}\`: use https:// or a data: URL.`, null, 'invalid_image');
  const shown = url.slice(0, 200);
  const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  const tooLarge = () =>
    badRequest(`The image at ${shown} is larger than ${policy.maxBytes} bytes (MAX_IMAGE_BYTES).`, null, 'invalid_image');
  let response: Response;
  try {
    response = await fetchPublicUrl(url, {
      allowPrivate: policy.allowPrivate,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (error instanceof ProxyError) throw error;
    throw badRequest(`Could not download the image at ${shown} within ${FETCH_TIMEOUT_MS / 1000} s.`, null, 'invalid_image');
  }
  if (!response.ok || !response.body) {
    response.body?.cancel().catch(() => undefined);
    throw badRequest(`Downloading the image at ${shown} failed with HTTP ${response.status}.`, null, 'invalid_image');
  }
  const declaredType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (declaredType && !declaredType.startsWith('image/') && declaredType !== 'application/octet-stream') {
    response.body.cancel().catch(() => undefined);
    throw badRequest(`The URL ${shown} did not serve an image (content-type ${declaredType.slice(0, 60)}).`, null, 'invalid_image');
  }
  if (Number(response.headers.get('content-length')) > policy.maxBytes) {
    response.body.cancel().catch(() => undefined);
    throw tooLarge();
  }
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(response.body, policy.maxBytes, tooLarge);
  } catch (error) {
    if (error instanceof ProxyError) throw error;
    throw badRequest(`Could not download the image at ${shown} within ${FETCH_TIMEOUT_MS / 1000} s.`, null, 'invalid_image');
  }
  // Only image bytes are sent on: whatever else a URL serves never reaches a prompt.
  const mediaType = sniffImageType(bytes) ?? (declaredType?.startsWith('image/') ? declaredType : undefined);
  if (!mediaType) throw badRequest(`The URL ${shown} did not serve an image.`, null, 'invalid_image');
  return { mediaType, data: toBase64(bytes) };
}
