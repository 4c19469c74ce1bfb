/**
 * Claude on Vertex AI end to end over real sockets: the openai client -> the proxy (on Node or
 * under workerd) -> a loopback Vertex endpoint, with the service-account JWT exchanged at a
 * loopback token endpoint and verified there against the public half of a key pair made here.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importSPKI, jwtVerify } from 'jose';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeOn, type ProxyRuntime } from '../helpers/start-proxy';
import { PROXY_KEY, VERTEX_TEST_PRIVATE_KEY, VERTEX_TEST_PUBLIC_KEY } from '../helpers/test-env';

const EMAIL = 'e2e@test-project.iam.gserviceaccount.com';

interface Loopback {
  server: Server;
  url: string;
}

async function listen(handler: (req: IncomingMessage, body: string) => { status: number; body: string; type?: string }): Promise<Loopback> {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const part of req) body += part;
    const answer = handler(req, body);
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export function vertexAnthropicSuite(runtime: ProxyRuntime): void {
  describeOn(runtime, 'Claude on Vertex AI', () => vertexAnthropicCases(runtime.start));
}

function vertexAnthropicCases(startProxy: ProxyRuntime['start']): void {
  let token: Loopback;
  let vertex: Loopback;
  let proxy: { url: string; stop(): Promise<void> };
  let client: OpenAI;
  const assertions: string[] = [];
  const vertexCalls: Array<{ url: string; authorization: string | undefined; body: Record<string, unknown> }> = [];
  let tokenFailures = 0;
  let vertexRejectsNext = 0;
  let issued = 0;

  const message = (text: string) =>
    JSON.stringify({
      id: 'msg_e2e',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 3 },
    });

  beforeAll(async () => {
    token = await listen((_req, body) => {
      if (tokenFailures > 0) {
        tokenFailures--;
        return { status: 400, body: JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }) };
      }
      const assertion = new URLSearchParams(body).get('assertion') ?? '';
      assertions.push(assertion);
      issued++;
      return { status: 200, body: JSON.stringify({ access_token: `token-${issued}`, expires_in: 3599, token_type: 'Bearer' }) };
    });
    vertex = await listen((req, body) => {
      vertexCalls.push({ url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(body) as Record<string, unknown> });
      if (vertexRejectsNext > 0) {
        vertexRejectsNext--;
        return {
          status: 401,
          body: JSON.stringify([
            { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
          ]),
        };
      }
      if (req.url?.endsWith(':streamRawPredict')) {
        const events = [
          {
            type: 'message_start',
            message: {
              id: 'msg_s',
              type: 'message',
              role: 'assistant',
              model: 'claude-sonnet-4-5-20250929',
              content: [],
              stop_reason: null,
              stop_sequence: null,
              usage: { input_tokens: 9, output_tokens: 1 },
            },
          },
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi from ' } },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Vertex' } },
          { type: 'content_block_stop', index: 0 },
          { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 4 } },
          { type: 'message_stop' },
        ];
        return {
          status: 200,
          type: 'text/event-stream',
          body: events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''),
        };
      }
      return { status: 200, body: message('Hello from Vertex') };
    });
    proxy = await startProxy({
      API_KEY: PROXY_KEY,
      VERTEX_ANTROPIC_GOOGLE_SA_CLIENT_EMAIL: EMAIL,
      VERTEX_ANTROPIC_GOOGLE_SA_PRIVATE_KEY: VERTEX_TEST_PRIVATE_KEY.replace(/\n/g, '\\n'),
      VERTEX_ANTROPIC_REGION: 'europe-west1',
      VERTEX_ANTROPIC_PROJECTID: 'e2e-project',
      VERTEX_ANTHROPIC_BASE_URL: vertex.url,
      GOOGLE_OAUTH_TOKEN_URL: `${token.url}/token`,
    });
    client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: PROXY_KEY, maxRetries: 0 });
  });

  afterAll(async () => {
    await proxy?.stop();
    for (const s of [token?.server, vertex?.server]) {
      s?.closeAllConnections();
      await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
    }
  });

  beforeEach(() => {
    vertexCalls.length = 0;
  });

  describe('with a service account', () => {
    it('signs an RS256 JWT the token endpoint can verify, and calls rawPredict with the token', async () => {
      const completion = await client.chat.completions.create({
        model: 'claude-3-5-sonnet@20240620',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(completion.choices[0]?.message.content).toBe('Hello from Vertex');
      const { payload, protectedHeader } = await jwtVerify(assertions[0]!, await importSPKI(VERTEX_TEST_PUBLIC_KEY, 'RS256'), {
        issuer: EMAIL,
        audience: `${token.url}/token`,
      });
      expect(protectedHeader.alg).toBe('RS256');
      expect(payload.scope).toBe('https://www.googleapis.com/auth/cloud-platform');
      expect(payload.exp! - payload.iat!).toBe(3600);
      const call = vertexCalls[0]!;
      expect(call.url).toBe(
        '/v1/projects/e2e-project/locations/europe-west1/publishers/anthropic/models/claude-3-5-sonnet@20240620:rawPredict',
      );
      expect(call.authorization).toBe('Bearer token-1');
      expect(call.body.anthropic_version).toBe('vertex-2023-10-16');
      expect(call.body).not.toHaveProperty('model');
    });

    it('caches the token, routes the Anthropic-style id to its @ form, and streams', async () => {
      const stream = await client.chat.completions.create({
        model: 'claude-3-5-sonnet-20240620',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('Hi from Vertex');
      expect(vertexCalls[0]?.url).toMatch(/models\/claude-3-5-sonnet@20240620:streamRawPredict$/);
      expect(vertexCalls[0]?.authorization).toBe('Bearer token-1');
      expect(issued).toBe(1);
    });

    it('refreshes the token once when Vertex answers 401', async () => {
      vertexRejectsNext = 1;
      const completion = await client.chat.completions.create({
        model: 'claude-sonnet-4-5@20250929',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(completion.choices[0]?.message.content).toBe('Hello from Vertex');
      expect(vertexCalls.map((c) => c.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    });

    it('answers 502 naming the variables when the token endpoint refuses, and does not cache the failure', async () => {
      vertexRejectsNext = 1;
      tokenFailures = 1;
      const error = await client.chat.completions
        .create({ model: 'claude-sonnet-4-5@20250929', messages: [{ role: 'user', content: 'hi' }] })
        .catch((e: unknown) => e as InstanceType<typeof OpenAI.APIError>);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
      expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(
        /VERTEX_ANTROPIC_GOOGLE_SA_CLIENT_EMAIL and VERTEX_ANTROPIC_GOOGLE_SA_PRIVATE_KEY/,
      );
      expect((error as InstanceType<typeof OpenAI.APIError>).message).not.toContain('PRIVATE KEY');
      // The next request exchanges again instead of repeating the failure.
      const completion = await client.chat.completions.create({
        model: 'claude-sonnet-4-5@20250929',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(completion.choices[0]?.message.content).toBe('Hello from Vertex');
    });

    it('serves Claude to an Ollama client too, streamed, with the key in the path', async () => {
      const ollama = new Ollama({ host: `${proxy.url}/ollama/${PROXY_KEY}` });
      let text = '';
      let done: { done_reason?: string; eval_count?: number } | undefined;
      for await (const part of await ollama.chat({
        model: 'claude-sonnet-4-5@20250929',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      })) {
        text += part.message.content;
        if (part.done) done = part;
      }
      expect(text).toBe('Hi from Vertex');
      expect(done).toMatchObject({ done_reason: 'stop', eval_count: 4 });
      expect(vertexCalls.at(-1)?.url).toMatch(/claude-sonnet-4-5@20250929:streamRawPredict$/);
    });
  });
}
