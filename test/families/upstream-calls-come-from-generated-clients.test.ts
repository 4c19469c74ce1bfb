/**
 * Issue 15, point 1: every upstream call of every family is built by the generated client function
 * of its operation. Each generated client module is wrapped so that a call records which operation
 * built it and what it built; each row sends one request through the proxy and asserts that the
 * one upstream request that left (the OAuth token exchange aside) was built by the expected
 * operation and is exactly what that function returned: URL, body, its headers and auth. A family
 * that built a URL or body by hand, or called another operation, fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { upstreamApis } from '../../codegen/typed-clients';
import type { UpstreamCall } from '../../src/core/upstream-call';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const built = vi.hoisted(() => [] as { operation: string; call: UpstreamCall }[]);

const recorded = async (load: () => Promise<Record<string, unknown>>) => {
  const actual = await load();
  return Object.fromEntries(
    Object.entries(actual).map(([name, value]) => [
      name,
      typeof value === 'function' && name !== 'keyHeaders'
        ? (...args: unknown[]) => {
            const call = (value as (...a: unknown[]) => UpstreamCall)(...args);
            built.push({ operation: name, call });
            return call;
          }
        : value,
    ]),
  );
};
vi.mock('../../generated/openai/client', (original) => recorded(original));
vi.mock('../../generated/anthropic/client', (original) => recorded(original));
vi.mock('../../generated/gemini/client', (original) => recorded(original));
vi.mock('../../generated/cohere/client', (original) => recorded(original));
vi.mock('../../generated/coze/client', (original) => recorded(original));

const { handle } = await import('../../src/app');

interface Sent {
  url: string;
  headers: Headers;
  body: string;
}
let sent: Sent[] = [];

beforeEach(() => {
  built.length = 0;
  sent = [];
  // The upstream answers every call with a vendor error: only what the proxy sent matters here.
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.url.startsWith('https://oauth2.googleapis.com/'))
      return Response.json({ access_token: 'ya29.generated-clients', expires_in: 3600, token_type: 'Bearer' });
    sent.push({ url: request.url, headers: request.headers, body: await request.text() });
    return Response.json({ error: { message: 'stop here' } }, { status: 418 });
  });
});
afterEach(() => vi.unstubAllGlobals());

const chat = (model: string, stream = false) => ({
  path: '/v1/chat/completions',
  body: { model, stream, messages: [{ role: 'user', content: 'hi' }] },
});
const embed = (model: string) => ({ path: '/v1/embeddings', body: { model, input: ['hi'] } });
const messages = (model: string, stream = false) => ({
  path: '/v1/messages',
  body: { model, stream, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] },
});
const countTokens = (model: string) => ({
  path: '/v1/messages/count_tokens',
  body: { model, messages: [{ role: 'user', content: 'hi' }] },
});
const responses = (model: string) => ({ path: '/v1/responses', body: { model, input: 'hi' } });

const rows: [string, { path: string; body: unknown }, string][] = [
  ['openai chat', chat('gpt-4o-mini'), 'createChatCompletion'],
  ['openai embeddings', embed('text-embedding-3-small'), 'createEmbedding'],
  ['openai Responses pass-through', responses('gpt-4o-mini'), 'createResponse'],
  ['azure chat (deployment, api-version)', chat('azure/gpt-4o-mini'), 'createChatCompletion'],
  ['azure Responses pass-through', responses('azure/gpt-4o-mini'), 'createResponse'],
  ['deepseek chat', chat('deepseek-chat'), 'createChatCompletion'],
  ['groq chat', chat('groq/llama-3.3-70b-versatile'), 'createChatCompletion'],
  ['ollama chat', chat('ollama/llama3.2'), 'createChatCompletion'],
  ['workers ai chat (account path)', chat('@cf/meta/llama-3.1-8b-instruct'), 'createChatCompletion'],
  ['anthropic chat', chat('claude-sonnet-4-5'), 'messages_post'],
  ['anthropic pass-through', messages('claude-sonnet-4-5'), 'messages_post'],
  ['anthropic count_tokens', countTokens('claude-sonnet-4-5'), 'messages_count_tokens_post'],
  ['vertex anthropic chat', chat('claude-sonnet-4-5@20250929'), 'vertex_raw_predict'],
  ['vertex anthropic stream', chat('claude-sonnet-4-5@20250929', true), 'vertex_stream_raw_predict'],
  ['vertex anthropic pass-through', messages('claude-sonnet-4-5@20250929'), 'vertex_raw_predict'],
  ['vertex anthropic count_tokens', countTokens('claude-sonnet-4-5@20250929'), 'vertex_count_tokens'],
  ['gemini chat', chat('gemini-2.5-flash'), 'generateContent'],
  ['gemini stream', chat('gemini-2.5-flash', true), 'streamGenerateContent'],
  ['gemini count_tokens', countTokens('gemini-2.5-flash'), 'countTokens'],
  ['gemini embeddings', embed('gemini-embedding-001'), 'batchEmbedContents'],
  ['vertex gemini chat', chat('vertex-gemini/gemini-2.5-flash'), 'vertexGenerateContent'],
  ['vertex gemini stream', chat('vertex-gemini/gemini-2.5-flash', true), 'vertexStreamGenerateContent'],
  ['vertex gemini count_tokens', countTokens('vertex-gemini/gemini-2.5-flash'), 'vertexCountTokens'],
  ['vertex gemini embeddings', embed('vertex-gemini/gemini-embedding-001'), 'predictTextEmbeddings'],
  ['cohere chat', chat('command-a-03-2025'), 'chatv2'],
  ['cohere embeddings', embed('embed-v4.0'), 'embedv2'],
  ['coze chat', chat('helper'), 'chat'],
];

describe('every upstream call is built by its generated client function', () => {
  it.each(rows)('%s', async (_name, { path, body }, operation) => {
    const request = new Request(`http://proxy.test${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await (await handle(request, testEnv)).text();
    expect(built.map((b) => b.operation)).toEqual([operation]);
    expect(sent).toHaveLength(1);
    const { call } = built[0]!;
    const upstream = sent[0]!;
    expect(upstream.url).toBe(call.url);
    expect(upstream.body).toBe(call.body);
    for (const [name, value] of Object.entries({ ...call.headers, ...(await call.auth(false)) }))
      expect(upstream.headers.get(name), name).toBe(value);
  });

  it('the rows cover every POST operation of the upstream specs (the GETs are not called upstream)', () => {
    const posts = upstreamApis.flatMap((api) => {
      const doc = parse(readFileSync(join(import.meta.dirname, '..', '..', 'specs', `${api}.yaml`), 'utf8')) as {
        paths: Record<string, { post?: { operationId: string } }>;
      };
      return Object.values(doc.paths).flatMap((item) => (item.post ? [item.post.operationId] : []));
    });
    expect(new Set(rows.map(([, , operation]) => operation))).toEqual(new Set(posts));
  });
});
