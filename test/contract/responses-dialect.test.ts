/**
 * Contract matrix, OpenAI Responses dialect: every fixture of every provider, its chat request
 * turned into the Responses request a client would send, replayed through `/v1/responses`. The
 * upstream call is checked loosely (same URL; every text, image, tool and replayable signature
 * of the conversation in the body); the answer strictly: valid against specs/openai.yaml, events
 * numbered and ordered as OpenAI documents, and saying what the fixture's chat answer says.
 * OpenAI and Azure fixtures are the chat exchange, so these run with native forwarding off;
 * native forwarding has its own test (test/responses-dialect/native-forwarding.test.ts).
 */
import { setupServer } from 'msw/node';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vCreateResponse, vErrorResponse } from '../../generated/openai/valibot.gen';
import { handle } from '../../src/app';
import type { ResponseObject } from '../../src/dialects/openai-responses/responses-types';
import { fixtureCases, fixtureProviders, loadFixture } from '../helpers/fixtures';
import { meaningOf } from '../helpers/ollama-fixture';
import { replayFixture } from '../helpers/replay-fixture';
import {
  asResponsesMeaning,
  expectSameConversation,
  meaningOfResponse,
  readResponsesEvents,
  toResponsesRequest,
} from '../helpers/responses-fixture';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const env = Object.freeze({ ...testEnv, RESPONSES_NATIVE: 'off' });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

for (const provider of fixtureProviders()) {
  describe(`${provider} via the Responses dialect`, () => {
    for (const name of fixtureCases(provider)) {
      it(name, async () => {
        const fixture = loadFixture(provider, name);
        const state = replayFixture(server, fixture);
        const request = toResponsesRequest(fixture.request);
        expect(v.safeParse(vCreateResponse, request).issues).toBeUndefined();

        const response = await handle(
          new Request('http://proxy.test/v1/responses', {
            method: 'POST',
            headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json', ...fixture.clientHeaders },
            body: JSON.stringify(request),
          }),
          env,
        );

        expect(state.calls).toHaveLength(1);
        expectSameConversation(state.calls[0]!, fixture.upstream.url, fixture.request);

        const want = fixture.expect;
        expect(response.status).toBe(want.status ?? 200);
        if (want.status && want.status >= 400) {
          const body = await response.json();
          expect(v.safeParse(vErrorResponse, body).issues).toBeUndefined();
          expect(body).toEqual(want.json);
          return;
        }
        let answer: ResponseObject;
        if (request.stream) {
          expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
          const last = (await readResponsesEvents(response)).at(-1)!;
          answer = (last as { response: ResponseObject }).response;
        } else {
          expect(response.headers.get('content-type')).toMatch(/^application\/json/);
          answer = (await response.json()) as ResponseObject;
        }
        expect(answer.model).toBe(request.model);
        const meaning = asResponsesMeaning(meaningOf(want));
        const got = meaningOfResponse(answer);
        // A Responses answer always counts tokens; the chat fixture's says so only when asked.
        if (!meaning.usage) delete got.usage;
        expect(got).toEqual(meaning);
      });
    }
  });
}
