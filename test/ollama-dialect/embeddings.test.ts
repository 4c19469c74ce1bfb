/**
 * Ollama's /api/embed and /api/embeddings on the providers that embed by their own wire (Gemini
 * on AI Studio and Vertex AI, Cohere; the Workers AI binding is in test/providers), and the 400
 * for a provider without embeddings in the Ollama and OpenAI shapes. Upstream bodies as the
 * vendors document them: https://ai.google.dev/api/embeddings#method:-models.batchembedcontents,
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api,
 * https://docs.cohere.com/reference/embed.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import { PROXY_KEY, VERTEX_TEST_ACCESS_TOKEN, testEnv } from '../helpers/test-env';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const post = (path: string, body: unknown) =>
  handle(
    new Request(`http://proxy.test${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { ...testEnv },
  );

const upstreams = () => {
  const sent: Array<{ url: string; body: unknown }> = [];
  server.use(
    http.post('https://oauth2.googleapis.com/token', () =>
      HttpResponse.json({ access_token: VERTEX_TEST_ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' }),
    ),
    http.post('https://generativelanguage.googleapis.com/v1beta/models/:call', async ({ request }) => {
      const body = (await request.json()) as { requests: unknown[] };
      sent.push({ url: request.url, body });
      return HttpResponse.json({ embeddings: body.requests.map((_, i) => ({ values: [i, 0.5] })) });
    }),
    http.post(
      'https://us-east5-aiplatform.googleapis.com/v1/projects/test-project/locations/us-east5/publishers/google/models/:call',
      async ({ request }) => {
        const body = (await request.json()) as { instances: unknown[] };
        sent.push({ url: request.url, body });
        return HttpResponse.json({
          predictions: body.instances.map((_, i) => ({
            embeddings: { statistics: { truncated: false, token_count: 3 }, values: [i, 0.25] },
          })),
        });
      },
    ),
    http.post('https://api.cohere.com/v2/embed', async ({ request }) => {
      const body = (await request.json()) as { texts: unknown[] };
      sent.push({ url: request.url, body });
      return HttpResponse.json({
        id: 'e',
        embeddings: { float: body.texts.map((_, i) => [i, 1]) },
        meta: { billed_units: { input_tokens: 5 } },
      });
    }),
  );
  return sent;
};

describe.each([
  ['gemini-embedding-001', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents', 0.5, 0],
  [
    'vertex-gemini/text-embedding-004',
    'https://us-east5-aiplatform.googleapis.com/v1/projects/test-project/locations/us-east5/publishers/google/models/text-embedding-004:predict',
    0.25,
    6,
  ],
  ['embed-v4.0', 'https://api.cohere.com/v2/embed', 1, 5],
])('Ollama embeddings on %s', (model, url, second, promptTokens) => {
  it('/api/embed answers one vector per input, in order, with the upstream token count', async () => {
    const sent = upstreams();
    const response = await post('/api/embed', { model, input: ['a', 'b'] });
    expect(response.status).toBe(200);
    expect(sent.map((s) => s.url)).toEqual([url]);
    const body = (await response.json()) as { model: string; embeddings: number[][]; prompt_eval_count: number };
    expect(body.model).toBe(model);
    expect(body.embeddings).toEqual([
      [0, second],
      [1, second],
    ]);
    expect(body.prompt_eval_count).toBe(promptTokens);
  });

  it("/api/embeddings answers the one prompt's vector", async () => {
    const sent = upstreams();
    const body = (await (await post('/api/embeddings', { model, prompt: 'hello' })).json()) as { embedding: number[] };
    expect(sent).toHaveLength(1);
    expect(body.embedding).toEqual([0, second]);
  });
});

describe('a provider without embeddings', () => {
  const listed = [
    'openai (`text-embedding-3-small`)',
    'google (`gemini-embedding-001`)',
    'vertex-gemini (`vertex-gemini/gemini-embedding-001`)',
    'cohere (`embed-v4.0`)',
    'cloudflare (`@cf/baai/bge-small-en-v1.5`)',
  ];

  it("is a 400 in Ollama's shape naming the configured providers that embed, with a model of each", async () => {
    for (const [path, body] of [
      ['/api/embed', { model: 'helper', input: 'hi' }],
      ['/api/embeddings', { model: 'claude-sonnet-4-5', prompt: 'hi' }],
    ] as const) {
      const response = await post(path, body);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: string };
      expect(error).toMatch(/^(Coze|Anthropic) has no embeddings API the proxy can use; configured providers with embeddings: /);
      expect(error).toContain(listed.join(', '));
    }
  });

  it("is a 400 in OpenAI's shape with the same list", async () => {
    const response = await post('/v1/embeddings', { model: 'claude-sonnet-4-5', input: 'hi' });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string; type: string; param: string; code: string } };
    expect(error).toMatchObject({ type: 'invalid_request_error', param: 'model', code: 'embeddings_unsupported' });
    expect(error.message).toContain(listed.join(', '));
  });
});
