/**
 * Contract matrix, OpenAI dialect: every provider fixture replayed through msw. Checks the exact
 * upstream call (URL, auth header, body), the client-visible output, and that both sides are
 * valid against specs/openai.yaml.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  vCreateChatCompletionRequest,
  vCreateChatCompletionResponse,
  vCreateChatCompletionStreamResponse,
  vErrorResponse,
} from '../../generated/openai/valibot.gen';
import { handle } from '../../src/app';
import { readServerSentEvents } from '../../src/core/sse';
import { fixtureCases, fixtureProviders, loadFixture, type Fixture } from '../helpers/fixtures';
import { readSseData } from '../helpers/read-sse';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const env = Object.freeze({ ...testEnv });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

interface Captured {
  url: string;
  headers: Headers;
  body: unknown;
}

function replay(fixture: Fixture): { captured: Captured[] } {
  const state = { captured: [] as Captured[] };
  const url = new URL(fixture.upstream.url);
  server.resetHandlers(
    http.post(`${url.origin}${url.pathname}`, async ({ request }) => {
      state.captured.push({ url: request.url, headers: request.headers, body: await request.json() });
      const { status = 200, headers = {}, json, sse } = fixture.upstream.response;
      if (sse !== undefined) {
        return new HttpResponse(sse, { status, headers: { 'content-type': 'text/event-stream', ...headers } });
      }
      return HttpResponse.json(json as never, { status, headers });
    }),
  );
  return state;
}

async function upstreamEventsValid(sse: string): Promise<void> {
  const body = new Response(sse).body!;
  for await (const event of readServerSentEvents(body)) {
    if (event.data === '[DONE]') continue;
    const data = JSON.parse(event.data) as Record<string, unknown>;
    // Error events, and Azure's leading prompt_filter_results event (no choices, no usage, which
    // the proxy skips), are not chunks.
    if (data.error || (Array.isArray(data.choices) && data.choices.length === 0 && !data.usage)) continue;
    expect(v.safeParse(vCreateChatCompletionStreamResponse, data).issues).toBeUndefined();
  }
}

for (const provider of fixtureProviders()) {
  describe(`${provider} via the OpenAI dialect`, () => {
    for (const name of fixtureCases(provider)) {
      it(name, async () => {
        const fixture = loadFixture(provider, name);
        const state = replay(fixture);
        expect(v.safeParse(vCreateChatCompletionRequest, fixture.request).issues).toBeUndefined();

        const response = await handle(
          new Request('http://proxy.test/v1/chat/completions', {
            method: 'POST',
            headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify(fixture.request),
          }),
          env,
        );

        const expected = fixture.expect;
        expect(response.status).toBe(expected.status ?? 200);
        for (const [name, value] of Object.entries(expected.headers ?? {})) expect(response.headers.get(name)).toBe(value);
        if (expected.sse) {
          expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
          const events = await readSseData(response);
          expect(events).toEqual(expected.sse);
          for (const event of events.slice(0, -1)) {
            const issues = (event as { error?: unknown }).error
              ? v.safeParse(vErrorResponse, event).issues
              : v.safeParse(vCreateChatCompletionStreamResponse, event).issues;
            expect(issues).toBeUndefined();
          }
        } else {
          const body = await response.json();
          expect(body).toEqual(expected.json);
          const schema = response.ok ? vCreateChatCompletionResponse : vErrorResponse;
          expect(v.safeParse(schema, body).issues).toBeUndefined();
        }

        expect(state.captured).toHaveLength(1);
        const call = state.captured[0]!;
        expect(call.url).toBe(fixture.upstream.url);
        for (const [name, value] of Object.entries(fixture.upstream.headers ?? {})) expect(call.headers.get(name)).toBe(value);
        expect(call.body).toEqual(fixture.upstream.body);
        expect(v.safeParse(vCreateChatCompletionRequest, call.body).issues).toBeUndefined();

        const upstream = fixture.upstream.response;
        if (upstream.sse !== undefined) await upstreamEventsValid(upstream.sse);
        else if ((upstream.status ?? 200) < 400 && !upstream.deviation) {
          expect(v.safeParse(vCreateChatCompletionResponse, upstream.json).issues).toBeUndefined();
        }
      });
    }
  });
}
