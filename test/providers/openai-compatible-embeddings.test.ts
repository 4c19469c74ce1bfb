/**
 * Embeddings on an OpenAI-compatible upstream over the network (Workers AI's REST API here): the
 * request goes as is, and a base64 answer (strings where floats would be) comes back unchanged.
 * Upstream body as OpenAI documents it: https://platform.openai.com/docs/api-reference/embeddings/object
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const REST = 'https://api.cloudflare.com/client/v4/accounts/test-account/ai/v1/embeddings';

describe('Workers AI embeddings over REST', () => {
  it('forwards the request and passes a base64 answer through', async () => {
    let sent: { body: unknown; authorization: string | null } | undefined;
    const vector = Buffer.from(new Float32Array([0.25, -1]).buffer).toString('base64');
    server.use(
      http.post(REST, async ({ request }) => {
        sent = { body: await request.json(), authorization: request.headers.get('authorization') };
        return HttpResponse.json({
          object: 'list',
          model: '@cf/baai/bge-base-en-v1.5',
          data: [{ object: 'embedding', index: 0, embedding: vector }],
          usage: { prompt_tokens: 2, total_tokens: 2 },
        });
      }),
    );
    const response = await handle(
      new Request('http://proxy.test/v1/embeddings', {
        method: 'POST',
        headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: '@cf/baai/bge-base-en-v1.5', input: 'hi', encoding_format: 'base64' }),
      }),
      { ...testEnv },
    );
    expect(response.status).toBe(200);
    expect(sent).toEqual({
      body: { model: '@cf/baai/bge-base-en-v1.5', input: 'hi', encoding_format: 'base64' },
      authorization: `Bearer ${testEnv.CLOUDFLARE_API_TOKEN}`,
    });
    expect(((await response.json()) as { data: Array<{ embedding: unknown }> }).data[0]!.embedding).toBe(vector);
  });
});
