/**
 * Native forwarding: a Responses request for OpenAI or Azure goes to their own `/responses` with
 * the client's body (only `model` routed) and the bytes come back unchanged, hosted tools
 * included; a fallback to a model of another vendor switches to the translated path. The stream
 * is written from OpenAI's documented Responses streaming events (docs: Streaming API responses;
 * API reference: Responses streaming), `obfuscation` and a non-ASCII text included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postResponses } from '../helpers/post-responses';
import { testEnv } from '../helpers/test-env';

const STREAM = readFileSync(join(import.meta.dirname, 'fixtures', 'openai-native.stream.txt'));
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const clientBody = {
  model: 'gpt-5-mini',
  input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Say hello in French.' }] }],
  tools: [{ type: 'web_search' }],
  include: ['reasoning.encrypted_content'],
  store: false,
  stream: true,
  reasoning: { effort: 'minimal' },
  prompt_cache_key: 'session-1',
  client_metadata: { originator: 'codex_exec' },
};

const post = postResponses;

function serve(url: string, calls: Array<{ headers: Headers; body: unknown }>) {
  server.use(
    http.post(url, async ({ request }) => {
      calls.push({ headers: request.headers, body: await request.json() });
      return new HttpResponse(STREAM, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': 'req_123' } });
    }),
  );
}

describe('Responses forwarded natively', () => {
  it('to OpenAI: the body as sent, the bytes back unchanged', async () => {
    const calls: Array<{ headers: Headers; body: unknown }> = [];
    serve('https://api.openai.com/v1/responses', calls);
    const response = await post(clientBody);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(STREAM)).toBe(true);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toBe('req_123');
    expect(response.headers.get('x-proxy-provider')).toBe('openai');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer test-openai-key');
    expect(calls[0]!.body).toEqual(clientBody);
  });

  it('to Azure: its v1 Responses API with the deployment as model and the api-key header', async () => {
    const calls: Array<{ headers: Headers; body: unknown }> = [];
    serve('https://example-resource.openai.azure.com/openai/v1/responses', calls);
    const response = await post({ ...clientBody, model: 'azure/gpt-4o-mini' });
    expect(Buffer.from(await response.arrayBuffer()).equals(STREAM)).toBe(true);
    expect(calls[0]!.headers.get('api-key')).toBe('test-azure-key');
    expect(calls[0]!.headers.get('authorization')).toBeNull();
    expect(calls[0]!.body).toEqual({ ...clientBody, model: 'my-gpt4o-mini' });
  });

  it('an upstream error comes back in OpenAI shape with its status', async () => {
    server.use(
      http.post('https://api.openai.com/v1/responses', () =>
        HttpResponse.json(
          { error: { message: 'Unsupported parameter: foo', type: 'invalid_request_error', param: 'foo', code: 'unsupported_parameter' } },
          { status: 400 },
        ),
      ),
    );
    const response = await post(clientBody);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('Unsupported parameter: foo');
  });

  it('a fallback to Claude switches to the translated path, hosted tools left out and named', async () => {
    server.use(
      http.post('https://api.openai.com/v1/responses', () =>
        HttpResponse.json({ error: { message: 'overloaded', type: 'server_error' } }, { status: 503 }),
      ),
      http.post('https://api.anthropic.com/v1/messages', async ({ request }) => {
        const sent = (await request.json()) as { tools?: unknown };
        expect(sent.tools).toBeUndefined();
        return HttpResponse.json({
          id: 'msg_fallback',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5-20250929',
          content: [{ type: 'text', text: 'Bonjour !' }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 3 },
        });
      }),
    );
    const env = { ...testEnv, MODEL_FALLBACKS: 'gpt-5-mini>claude-sonnet-4-5-20250929' };
    // Claude with thinking or a large limit is streamed upstream whatever the client asked.
    const response = await post({ ...clientBody, stream: false, reasoning: undefined, max_output_tokens: 1024 }, env);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-proxy-provider')).toBe('anthropic');
    expect(response.headers.get('x-proxy-dropped-tools')).toBe('web_search');
    expect(await response.json()).toMatchObject({ status: 'completed', output: [{ type: 'message', content: [{ text: 'Bonjour !' }] }] });
  });

  it('RESPONSES_NATIVE=off translates for OpenAI too', async () => {
    server.use(
      http.post('https://api.openai.com/v1/chat/completions', () =>
        HttpResponse.json({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: 'gpt-5-mini',
          choices: [{ index: 0, message: { role: 'assistant', content: 'Bonjour' }, finish_reason: 'stop' }],
        }),
      ),
    );
    const response = await post({ ...clientBody, stream: false }, { ...testEnv, RESPONSES_NATIVE: 'off' });
    expect(await response.json()).toMatchObject({
      object: 'response',
      status: 'completed',
      output: [{ type: 'message', content: [{ text: 'Bonjour' }] }],
    });
  });
});
