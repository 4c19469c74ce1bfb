/**
 * Gemini embeddings through the OpenAI dialect against msw: AI Studio's batchEmbedContents and
 * Vertex AI's text embeddings predict. Upstream bodies follow the documented wire formats:
 * https://ai.google.dev/api/embeddings#method:-models.batchembedcontents (`{embeddings:[{values}]}`)
 * and https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api
 * (`{predictions:[{embeddings:{statistics:{truncated, token_count}, values}}]}`).
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

const AI_STUDIO = 'https://generativelanguage.googleapis.com/v1beta/models';
const VERTEX = 'https://us-east5-aiplatform.googleapis.com/v1/projects/test-project/locations/us-east5/publishers/google/models';

const embed = (body: unknown) =>
  handle(
    new Request('http://proxy.test/v1/embeddings', {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { ...testEnv },
  );

interface Sent {
  url: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/** The vector the mock gives a text: its length and first char code, so order is checkable. */
const vectorOf = (text: string) => [text.length, text.charCodeAt(0)];

function aiStudio(sent: Sent[]) {
  return http.post(`${AI_STUDIO}/:call`, async ({ request }) => {
    const body = (await request.json()) as { requests: Array<{ content: { parts: Array<{ text: string }> } }> };
    sent.push({ url: request.url, headers: request.headers, body });
    return HttpResponse.json({ embeddings: body.requests.map((r) => ({ values: vectorOf(r.content.parts[0]!.text) })) });
  });
}

function vertex(sent: Sent[]) {
  return [
    http.post('https://oauth2.googleapis.com/token', () =>
      HttpResponse.json({ access_token: VERTEX_TEST_ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' }),
    ),
    http.post(`${VERTEX}/:call`, async ({ request }) => {
      const body = (await request.json()) as { instances: Array<{ content: string }> };
      sent.push({ url: request.url, headers: request.headers, body });
      return HttpResponse.json({
        predictions: body.instances.map((i) => ({
          embeddings: { statistics: { truncated: false, token_count: i.content.length }, values: vectorOf(i.content) },
        })),
      });
    }),
  ];
}

type Answer = { model: string; data: Array<{ object: string; index: number; embedding: number[] | string }>; usage: unknown };

describe('Gemini embeddings on AI Studio', () => {
  it('posts batchEmbedContents with one request per text, keeps order, reports no usage it was not given', async () => {
    const sent: Sent[] = [];
    server.use(aiStudio(sent));
    const response = await embed({ model: 'gemini-embedding-001', input: ['alpha', 'be'], dimensions: 768 });
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(`${AI_STUDIO}/gemini-embedding-001:batchEmbedContents`);
    expect(sent[0]!.headers.get('x-goog-api-key')).toBe(testEnv.GOOGLE_GEN_AI_API_KEY);
    expect(sent[0]!.body).toEqual({
      requests: ['alpha', 'be'].map((text) => ({
        model: 'models/gemini-embedding-001',
        content: { parts: [{ text }] },
        taskType: 'RETRIEVAL_DOCUMENT',
        outputDimensionality: 768,
      })),
    });
    expect(await response.json()).toEqual({
      object: 'list',
      model: 'gemini-embedding-001',
      data: [
        { object: 'embedding', index: 0, embedding: vectorOf('alpha') },
        { object: 'embedding', index: 1, embedding: vectorOf('be') },
      ],
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  });

  it('takes Gemini task types as the vendor extra task_type, and refuses none it does not know', async () => {
    const sent: Sent[] = [];
    server.use(aiStudio(sent));
    await embed({ model: 'text-embedding-004', input: 'query', task_type: 'RETRIEVAL_QUERY' });
    await embed({ model: 'text-embedding-004', input: 'query', task_type: 'search_query' });
    const types = sent.map((s) => (s.body.requests as Array<{ taskType: string }>)[0]!.taskType);
    expect(types).toEqual(['RETRIEVAL_QUERY', 'RETRIEVAL_DOCUMENT']);
    expect((sent[0]!.body.requests as Array<Record<string, unknown>>)[0]).not.toHaveProperty('outputDimensionality');
  });

  it('cuts more than 100 texts into calls of 100 and puts the vectors back in input order', async () => {
    const sent: Sent[] = [];
    server.use(aiStudio(sent));
    const input = Array.from({ length: 230 }, (_, i) => `${String.fromCharCode(33 + (i % 90))}${'x'.repeat(i)}`);
    const body = (await (await embed({ model: 'gemini-embedding-001', input })).json()) as Answer;
    expect(sent.map((s) => (s.body.requests as unknown[]).length)).toEqual([100, 100, 30]);
    expect(body.data.map((d) => d.index)).toEqual(input.map((_, i) => i));
    expect(body.data.map((d) => d.embedding)).toEqual(input.map(vectorOf));
  });

  it('encodes base64 as OpenAI does (little-endian float32)', async () => {
    server.use(aiStudio([]));
    const body = (await (await embed({ model: 'gemini-embedding-001', input: ['abc'], encoding_format: 'base64' })).json()) as Answer;
    const bytes = Buffer.from(body.data[0]!.embedding as string, 'base64');
    expect([...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)]).toEqual(vectorOf('abc'));
  });

  it('answers a reply with fewer vectors than texts with a 502, not shifted vectors', async () => {
    server.use(http.post(`${AI_STUDIO}/:call`, () => HttpResponse.json({ embeddings: [{ values: [1] }] })));
    const response = await embed({ model: 'gemini-embedding-001', input: ['a', 'b'] });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/1 embeddings for 2 texts/);
  });

  it('reports a bad key as the operator key, naming the variable', async () => {
    server.use(
      http.post(`${AI_STUDIO}/:call`, () =>
        HttpResponse.json(
          {
            error: {
              code: 400,
              message: 'API key not valid. Please pass a valid API key.',
              status: 'INVALID_ARGUMENT',
              details: [{ reason: 'API_KEY_INVALID' }],
            },
          },
          { status: 400 },
        ),
      ),
    );
    const response = await embed({ model: 'gemini-embedding-001', input: 'a' });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('GOOGLE_GEN_AI_API_KEY');
  });
});

describe('Gemini embeddings on Vertex AI', () => {
  it('posts predict with instances and parameters, and sums the token counts', async () => {
    const sent: Sent[] = [];
    server.use(...vertex(sent));
    const response = await embed({ model: 'vertex-gemini/text-embedding-004', input: ['alpha', 'be'], dimensions: 256 });
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(`${VERTEX}/text-embedding-004:predict`);
    expect(sent[0]!.headers.get('authorization')).toBe(`Bearer ${VERTEX_TEST_ACCESS_TOKEN}`);
    expect(sent[0]!.body).toEqual({
      instances: [
        { content: 'alpha', task_type: 'RETRIEVAL_DOCUMENT' },
        { content: 'be', task_type: 'RETRIEVAL_DOCUMENT' },
      ],
      parameters: { outputDimensionality: 256 },
    });
    const body = (await response.json()) as Answer;
    expect(body.data.map((d) => d.embedding)).toEqual([vectorOf('alpha'), vectorOf('be')]);
    expect(body.usage).toEqual({ prompt_tokens: 7, total_tokens: 7 });
  });

  it('sends gemini-embedding-001 one instance per call, as Vertex requires, in input order', async () => {
    const sent: Sent[] = [];
    server.use(...vertex(sent));
    const input = ['one', 'three', 'fives', 'z'];
    const body = (await (await embed({ model: 'vertex-gemini/gemini-embedding-001', input })).json()) as Answer;
    expect(sent.map((s) => s.body.instances)).toEqual(
      expect.arrayContaining(input.map((content) => [{ content, task_type: 'RETRIEVAL_DOCUMENT' }])),
    );
    expect(sent).toHaveLength(4);
    expect(body.data.map((d) => d.embedding)).toEqual(input.map(vectorOf));
    expect(body.data.map((d) => d.index)).toEqual([0, 1, 2, 3]);
    expect(body.usage).toEqual({ prompt_tokens: 3 + 5 + 5 + 1, total_tokens: 14 });
  });
});
