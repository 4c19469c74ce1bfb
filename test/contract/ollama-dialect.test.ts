/**
 * Contract matrix, Ollama dialect: every fixture of every provider, its OpenAI request turned
 * into the Ollama request a client would send, replayed through `/api/chat`. The upstream
 * call is checked loosely (the Ollama request says the same things in other words: same URL, the
 * same message texts and images); the answer strictly: every line valid against specs/ollama.yaml
 * and saying what the fixture's OpenAI answer says (text, thinking, tool calls with parsed
 * arguments, done_reason from finish_reason, token counts from usage), errors as `{"error"}` with
 * the fixture's status, mid-stream failures as the last line.
 */
import { setupServer } from 'msw/node';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vChatRequest, vChatResponse, vErrorResponse } from '../../generated/ollama/valibot.gen';
import { handle } from '../../src/app';
import { fixtureCases, fixtureProviders, loadFixture } from '../helpers/fixtures';
import { expectReplyMeans, expectSameConversation, meaningOf, toOllamaRequest } from '../helpers/ollama-fixture';
import { foldReply, readNdjson, type OllamaLine } from '../helpers/ollama-wire';
import { replayFixture } from '../helpers/replay-fixture';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const env = Object.freeze({ ...testEnv });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

for (const provider of fixtureProviders()) {
  describe(`${provider} via the Ollama dialect`, () => {
    for (const name of fixtureCases(provider)) {
      it(name, async () => {
        const fixture = loadFixture(provider, name);
        const state = replayFixture(server, fixture);
        const request = toOllamaRequest(fixture.request);
        expect(v.safeParse(vChatRequest, request).issues).toBeUndefined();

        const response = await handle(
          new Request('http://proxy.test/api/chat', {
            method: 'POST',
            headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify(request),
          }),
          env,
        );

        expect(state.calls).toHaveLength(1);
        expectSameConversation(state.calls[0]!, fixture, request);

        const want = fixture.expect;
        const meaning = want.status && want.status >= 400 ? undefined : meaningOf(want);
        expect(response.status).toBe(want.status ?? 200);
        for (const [header, value] of Object.entries(want.headers ?? {})) expect(response.headers.get(header)).toBe(value);
        if (!meaning) {
          const body = await response.json();
          expect(v.safeParse(vErrorResponse, body).issues).toBeUndefined();
          expect(body).toEqual({ error: (want.json as { error: { message: string } }).error.message });
          return;
        }

        let lines: OllamaLine[];
        if (request.stream) lines = await readNdjson(response);
        else {
          expect(response.headers.get('content-type')).toMatch(/^application\/json/);
          const body = (await response.json()) as OllamaLine;
          expect(v.safeParse(vChatResponse, body).issues).toBeUndefined();
          lines = [body];
        }
        expectReplyMeans(foldReply(lines), meaning, request.model);
      });
    }
  });
}
