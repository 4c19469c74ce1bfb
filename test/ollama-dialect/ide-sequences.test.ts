/**
 * The call sequences real Ollama clients make, replayed against the proxy for every provider
 * (each provider's `stream` fixture serves the upstream side):
 * - GitHub Copilot, bring your own Ollama models: version -> tags -> show per model, then chat
 *   through the OpenAI API under the same base URL, `/ollama/{KEY}/v1/chat/completions`, with an
 *   empty bearer token;
 * - JetBrains AI Assistant: tags -> show -> `/api/chat` with no `stream` field (streams by default);
 * - Open WebUI: tags, version, then a streamed chat with options and keep_alive, key in a header.
 */
import { setupServer } from 'msw/node';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vShowResponse, vTagsResponse, vVersionResponse } from '../../generated/ollama/valibot.gen';
import { handle } from '../../src/app';
import { buildConfig } from '../../src/core/config';
import { definitions } from '../../src/providers/definitions';
import { fixtureProviders, loadFixture } from '../helpers/fixtures';
import { expectReplyMeans, expectSameConversation, meaningOf, toOllamaRequest } from '../helpers/ollama-fixture';
import { foldReply, readNdjson } from '../helpers/ollama-wire';
import { readSseData } from '../helpers/read-sse';
import { expected, replayFixture } from '../helpers/replay-fixture';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const env = Object.freeze({ ...testEnv });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const KEYED = `/ollama/${PROXY_KEY}`;

async function send(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return handle(new Request(`http://proxy.test${path}`, init), env);
}

async function json<T>(response: Response, schema: v.GenericSchema): Promise<T> {
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(v.safeParse(schema, body).issues).toBeUndefined();
  return body as T;
}

const versionAtLeast = (version: string, minimum: string): boolean => {
  const [a, b] = [version, minimum].map((s) => s.split('.').map(Number));
  for (let i = 0; i < 3; i++) if ((a![i] ?? 0) !== (b![i] ?? 0)) return (a![i] ?? 0) > (b![i] ?? 0);
  return true;
};

describe('GitHub Copilot (bring your own Ollama models)', () => {
  it('discovers every model: version, tags, then show for each', async () => {
    // Copilot sends an empty bearer token; the key in the path decides.
    const headers = { authorization: 'Bearer ', 'user-agent': 'GitHubCopilotChat/0.30.0' };
    const { version } = await json<{ version: string }>(await send(`${KEYED}/api/version`, undefined, headers), vVersionResponse);
    expect(versionAtLeast(version, '0.6.4')).toBe(true);
    const { models } = await json<{ models: Array<{ model: string }> }>(await send(`${KEYED}/api/tags`, undefined, headers), vTagsResponse);
    const listing = buildConfig(env, definitions).catalog.listing;
    expect(models.map((m) => m.model)).toEqual(listing.map((entry) => entry.id));
    for (const [i, { model }] of models.entries()) {
      const shown = await json<{ capabilities: string[]; model_info: Record<string, unknown> }>(
        await send(`${KEYED}/api/show`, { model }, headers),
        vShowResponse,
      );
      const known = listing[i]!.model;
      expect(shown.capabilities).toContain(known.embedding ? 'embedding' : 'completion');
      expect(shown.capabilities.includes('tools')).toBe(Boolean(known.tools));
      expect(shown.capabilities.includes('vision')).toBe(Boolean(known.vision));
      expect(shown.model_info['general.basename']).toBe(model);
      const architecture = shown.model_info['general.architecture'];
      expect(typeof architecture).toBe('string');
      expect(shown.model_info[`${architecture}.context_length`]).toBe(known.contextWindow);
    }
  });

  for (const provider of fixtureProviders()) {
    it(`chats with ${provider} through /v1/chat/completions under the key path`, async () => {
      const fixture = loadFixture(provider, 'stream');
      const state = replayFixture(server, fixture);
      const response = await send(`${KEYED}/v1/chat/completions`, fixture.request, {
        authorization: 'Bearer ',
        'x-request-id': 'req-1',
        'openai-intent': 'conversation-panel',
        'x-github-api-version': '2025-05-01',
        ...fixture.clientHeaders,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(await readSseData(response)).toEqual(expected(fixture.expect.sse));
      expect(state.calls).toHaveLength(1);
      expect(state.calls[0]!.url).toBe(fixture.upstream.url);
      expect(state.calls[0]!.body).toEqual(expected(fixture.upstream.body));
    });
  }
});

describe('JetBrains AI Assistant', () => {
  for (const provider of fixtureProviders()) {
    it(`lists, shows and chats with ${provider}, streaming by default`, async () => {
      const fixture = loadFixture(provider, 'stream');
      const state = replayFixture(server, fixture);
      const { stream: _default, ...request } = toOllamaRequest(fixture.request);
      await json(await send(`${KEYED}/api/tags`), vTagsResponse);
      const shown = await json<{ capabilities: string[] }>(await send(`${KEYED}/api/show`, { model: request.model }), vShowResponse);
      expect(shown.capabilities).toContain('completion');
      const response = await send(`${KEYED}/api/chat`, request);
      expect(response.status).toBe(200);
      expectReplyMeans(foldReply(await readNdjson(response)), meaningOf(fixture.expect), request.model);
      expect(state.calls).toHaveLength(1);
      expectSameConversation(state.calls[0]!, fixture, { ...request, stream: true });
    });
  }
});

describe('Open WebUI', () => {
  for (const provider of fixtureProviders()) {
    it(`lists, checks the version and chats with ${provider} with options`, async () => {
      const fixture = loadFixture(provider, 'stream');
      const state = replayFixture(server, fixture);
      const headers = { authorization: `Bearer ${PROXY_KEY}` };
      await json(await send('/api/tags', undefined, headers), vTagsResponse);
      await json(await send('/api/version', undefined, headers), vVersionResponse);
      const converted = toOllamaRequest(fixture.request);
      const request = {
        ...converted,
        stream: true,
        keep_alive: '5m',
        options: { ...converted.options, num_ctx: 8192, repeat_penalty: 1.1 },
      };
      const response = await send('/api/chat', request, headers);
      expect(response.status).toBe(200);
      expectReplyMeans(foldReply(await readNdjson(response)), meaningOf(fixture.expect), request.model);
      expect(state.calls).toHaveLength(1);
      expectSameConversation(state.calls[0]!, fixture, request);
      const sent = JSON.stringify(state.calls[0]!.body);
      for (const ollamaOnly of ['num_ctx', 'repeat_penalty', 'keep_alive']) expect(sent).not.toContain(ollamaOnly);
    });
  }

  it('sends its sampling options as the OpenAI fields', async () => {
    const fixture = loadFixture('openai', 'stream');
    const state = replayFixture(server, fixture);
    const options = { temperature: 0.7, top_p: 0.9, top_k: 40, num_predict: 256, num_ctx: 8192, seed: 42, stop: ['<|end|>'] };
    const response = await send(
      '/api/chat',
      { ...toOllamaRequest(fixture.request), stream: true, keep_alive: '5m', options },
      { authorization: `Bearer ${PROXY_KEY}` },
    );
    await readNdjson(response);
    expect(state.calls[0]!.body).toEqual({
      model: 'gpt-4o-mini',
      messages: (fixture.request as { messages: unknown }).messages,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.7,
      top_p: 0.9,
      // OpenAI refuses unknown arguments, so top_k (a vendor extra) is not sent to it.
      max_completion_tokens: 256,
      seed: 42,
      stop: ['<|end|>'],
    });
  });
});
