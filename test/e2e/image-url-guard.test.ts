/**
 * Image URLs the proxy downloads (Gemini takes only inline images) on Node and under workerd,
 * with loopback targets only: an internal address is refused before it is contacted, whatever
 * form it is written in; with ALLOW_PRIVATE_IMAGE_URLS=true it is fetched, and still only image
 * bodies are sent on, so what an internal address serves never reaches a prompt or a reply.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_KEY } from '../helpers/test-env';
import { nodeAndWorkerd, type RunningProxy } from '../helpers/start-proxy';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const INTERNAL = 'internal-only: db password hunter2';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://127.0.0.1:${port}`, port };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

for (const { name: runtime, start } of nodeAndWorkerd) {
  describe(`image URLs the proxy fetches (${runtime})`, () => {
    const imageHits: string[] = [];
    const prompts: string[] = [];
    let images: Awaited<ReturnType<typeof listen>>;
    let gemini: Awaited<ReturnType<typeof listen>>;
    let strict: RunningProxy;
    let open: RunningProxy;

    beforeAll(async () => {
      images = await listen((req, res) => {
        imageHits.push(req.url ?? '');
        if (req.url === '/cat.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
        else res.writeHead(200, { 'content-type': 'text/plain' }).end(INTERNAL);
      });
      gemini = await listen(async (req, res) => {
        let raw = '';
        for await (const part of req) raw += part;
        prompts.push(raw);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'a cat' }] }, finishReason: 'STOP', index: 0 }] }),
        );
      });
      const env = { API_KEY: PROXY_KEY, GOOGLE_GEN_AI_API_KEY: 'test-google-key', GOOGLE_GEN_AI_BASE_URL: gemini.url };
      [strict, open] = await Promise.all([start(env), start({ ...env, ALLOW_PRIVATE_IMAGE_URLS: 'true' })]);
    });

    afterAll(async () => {
      await Promise.all([strict?.stop(), open?.stop()]);
      await Promise.all([close(images.server), close(gemini.server)]);
    });

    const ask = (proxy: RunningProxy, url: string) =>
      fetch(`${proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gemini-2.5-flash',
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is this?' },
                { type: 'image_url', image_url: { url } },
              ],
            },
          ],
        }),
      });

    it('refuses loopback destinations in every spelling, before contacting them or the upstream', async () => {
      const port = images.port;
      for (const host of ['127.0.0.1', 'localhost', '2130706433', '0x7f.0.0.1', '[::ffff:127.0.0.1]', '[::1]']) {
        const response = await ask(strict, `http://${host}:${port}/cat.png`);
        expect(response.status).toBe(400);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('image_url_refused');
        expect(body.error.message).toMatch(/not public|loopback|localhost|IPv4-mapped/);
      }
      expect(imageHits).toEqual([]);
      expect(prompts).toEqual([]);
    });

    it('fetches them with ALLOW_PRIVATE_IMAGE_URLS=true, and sends on image bodies only', async () => {
      const ok = await ask(open, `${images.url}/cat.png`);
      expect(ok.status).toBe(200);
      expect(JSON.parse(prompts.at(-1)!).contents[0].parts).toContainEqual({
        inlineData: { mimeType: 'image/png', data: PNG.toString('base64') },
      });
      const before = prompts.length;
      const text = await ask(open, `${images.url}/secret.txt`);
      expect(text.status).toBe(400);
      const reply = await text.text();
      expect(reply).toMatch(/did not serve an image/);
      expect(reply).not.toContain('hunter2');
      expect(prompts.length).toBe(before);
    });
  });
}
