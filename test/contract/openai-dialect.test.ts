/**
 * Contract matrix, OpenAI dialect: every provider fixture replayed through msw. Checks the exact
 * upstream call (URL, auth header, body), the client-visible output, and that both sides are
 * valid against specs/ (the upstream side against the spec of the provider's family).
 */
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
import { definitions } from '../../src/providers/definitions';
import { readServerSentEvents } from '../helpers/read-sse';
import { fixtureCases, fixtureProviders, loadFixture } from '../helpers/fixtures';
import { readSseData } from '../helpers/read-sse';
import { expected, replayFixture } from '../helpers/replay-fixture';
import { PROXY_KEY, testEnv } from '../helpers/test-env';
import { wireValidators, type WireValidators } from '../helpers/wire-validators';

const env = Object.freeze({ ...testEnv });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

async function upstreamEventsValid(sse: string, wire: WireValidators): Promise<void> {
  for await (const event of readServerSentEvents(new Response(sse).body!)) {
    if (event.data === '[DONE]') continue;
    const data = JSON.parse(event.data) as Record<string, unknown>;
    if (wire.skipEvent(data)) continue;
    expect(v.safeParse(wire.event, data).issues).toBeUndefined();
  }
}

for (const provider of fixtureProviders()) {
  const family = definitions.find((d) => d.id === provider)?.family.id ?? 'openai-compatible';
  const wire = wireValidators[family]!;
  describe(`${provider} via the OpenAI dialect`, () => {
    for (const name of fixtureCases(provider)) {
      it(name, async () => {
        const fixture = loadFixture(provider, name);
        const state = replayFixture(server, fixture);
        expect(v.safeParse(vCreateChatCompletionRequest, fixture.request).issues).toBeUndefined();

        const response = await handle(
          new Request('http://proxy.test/v1/chat/completions', {
            method: 'POST',
            headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json', ...fixture.clientHeaders },
            body: JSON.stringify(fixture.request),
          }),
          env,
        );

        const want = fixture.expect;
        expect(response.status).toBe(want.status ?? 200);
        for (const [header, value] of Object.entries(want.headers ?? {})) expect(response.headers.get(header)).toBe(value);
        if (want.sse) {
          expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
          const events = await readSseData(response);
          expect(events).toEqual(expected(want.sse));
          for (const event of events.slice(0, -1)) {
            const schema = (event as { error?: unknown }).error ? vErrorResponse : vCreateChatCompletionStreamResponse;
            expect(v.safeParse(schema, event).issues).toBeUndefined();
          }
        } else {
          const body = await response.json();
          expect(body).toEqual(expected(want.json));
          expect(v.safeParse(response.ok ? vCreateChatCompletionResponse : vErrorResponse, body).issues).toBeUndefined();
        }

        expect(state.calls).toHaveLength(1);
        const call = state.calls[0]!;
        expect(call.url).toBe(fixture.upstream.url);
        for (const [header, value] of Object.entries(fixture.upstream.headers ?? {})) expect(call.headers.get(header)).toBe(value);
        expect(call.body).toEqual(fixture.upstream.body);
        expect(v.safeParse(wire.request, wire.requestAsSpec(call.body as Record<string, unknown>, call.url)).issues).toBeUndefined();

        const upstream = fixture.upstream.response;
        if (upstream.sse !== undefined) {
          if (!upstream.deviation) await upstreamEventsValid(upstream.sse, wire);
        } else if ((upstream.status ?? 200) < 400 && !upstream.deviation)
          expect(v.safeParse(wire.response, upstream.json).issues).toBeUndefined();
      });
    }
  });
}
