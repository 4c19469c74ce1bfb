import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProxyError } from '../../src/core/errors';
import { fetchImage, parseDataUrl, sniffImageType } from '../../src/core/image-data';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const POLICY = { allowPrivate: false, maxBytes: 20 * 1024 * 1024 };
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('image data', () => {
  it('reads the media type from the bytes, not the label', () => {
    expect(parseDataUrl(`data:image/jpeg;base64,${PNG}`)).toEqual({ mediaType: 'image/png', data: PNG });
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(parseDataUrl('https://example.com/a.png')).toBeUndefined();
  });

  it('downloads an http(s) image and inlines it', async () => {
    server.use(
      http.get('https://img.test/cat', () => new HttpResponse(Buffer.from(PNG, 'base64'), { headers: { 'content-type': 'image/jpeg' } })),
    );
    expect(await fetchImage('https://img.test/cat', POLICY)).toEqual({ mediaType: 'image/png', data: PNG });
  });

  it('refuses an image over the size limit, declared or streamed, without reading it all', async () => {
    server.use(
      http.get('https://img.test/declared', () => new HttpResponse('x', { headers: { 'content-length': String(50 * 1024 * 1024) } })),
    );
    await expect(fetchImage('https://img.test/declared', POLICY)).rejects.toThrow(/larger than/);
    let pulled = 0;
    const megabyte = new Uint8Array(1024 * 1024);
    server.use(
      http.get(
        'https://img.test/streamed',
        () =>
          new HttpResponse(
            new ReadableStream({
              pull(controller) {
                if (pulled++ < 100) controller.enqueue(megabyte);
                else controller.close();
              },
            }),
          ),
      ),
    );
    // Plain fetch (Workers, or ALLOW_PRIVATE_IMAGE_URLS) stops pulling the body; msw's stand-in
    // socket for node:http (the Node path) pushes its whole body whatever the reader does.
    await expect(fetchImage('https://img.test/streamed', { ...POLICY, allowPrivate: true })).rejects.toThrow(/larger than/);
    expect(pulled).toBeLessThan(30);
    pulled = 0;
    await expect(fetchImage('https://img.test/streamed', POLICY)).rejects.toThrow(/MAX_IMAGE_BYTES/);
  });

  it('turns a failed download into a 400 that names the URL', async () => {
    server.use(http.get('https://img.test/missing', () => new HttpResponse(null, { status: 404 })));
    const error = await fetchImage('https://img.test/missing', POLICY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as ProxyError).status).toBe(400);
    expect((error as ProxyError).message).toMatch(/img\.test\/missing.*404/);
  });

  it('gives up on a download that hangs', async () => {
    server.use(
      http.get('https://img.test/slow', async () => {
        await delay('infinite');
        return new HttpResponse(null);
      }),
    );
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    await expect(fetchImage('https://img.test/slow', POLICY, abort.signal)).rejects.toThrow(/Could not download/);
  });

  it('refuses other URL schemes', async () => {
    await expect(fetchImage('file:///etc/passwd', POLICY)).rejects.toThrow(/https:\/\/ or a data: URL/);
  });
});
