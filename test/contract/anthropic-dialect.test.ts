/**
 * Contract matrix, Anthropic Messages dialect: every fixture of every provider, its OpenAI
 * request turned into the Messages request an Anthropic client would send, replayed through
 * `/v1/messages`. To the anthropic family (Anthropic, Claude on Vertex) the body passes through:
 * the upstream gets the client's body (Vertex: model in the URL, `anthropic_version`), the client
 * gets the upstream's bytes. To every other family the request is translated: the upstream call
 * carries the same conversation, and the answer means what the fixture's OpenAI answer means,
 * streams in Anthropic's exact grammar, errors in Anthropic's shape.
 */
import { setupServer } from 'msw/node';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vCreateMessageParams, vErrorResponse, vMessage } from '../../generated/anthropic/valibot.gen';
import { handle } from '../../src/app';
import { readServerSentEvents } from '../helpers/read-sse';
import { definitions } from '../../src/providers/definitions';
import { expectAnthropicGrammar, meaningOfAnthropic, toAnthropicRequest, type SseEvent } from '../helpers/anthropic-wire';
import { fixtureCases, fixtureProviders, loadFixture } from '../helpers/fixtures';
import { meaningOf } from '../helpers/ollama-fixture';
import { replayFixture } from '../helpers/replay-fixture';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const env = Object.freeze({ ...testEnv });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

async function readEvents(response: Response): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const event of readServerSentEvents(response.body!)) out.push({ event: event.event, data: JSON.parse(event.data) });
  return out;
}

/** The status an Anthropic client sees for the fixture's OpenAI status: an overloaded upstream is 529 again. */
const anthropicStatus = (want: { status?: number; json?: unknown }): number =>
  (want.json as { error?: { code?: string } } | undefined)?.error?.code === 'upstream_overloaded' ? 529 : (want.status ?? 200);

const post = (body: unknown, headers: Record<string, string> = {}) =>
  handle(
    new Request('http://proxy.test/v1/messages?beta=true', {
      method: 'POST',
      headers: { 'x-api-key': PROXY_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
    env,
  );

for (const provider of fixtureProviders()) {
  const family = definitions.find((d) => d.id === provider)?.family.id ?? 'openai-compatible';
  describe(`${provider} via the Anthropic dialect`, () => {
    for (const name of fixtureCases(provider)) {
      it(name, async () => {
        const fixture = loadFixture(provider, name);
        const state = replayFixture(server, fixture);
        const request = toAnthropicRequest(fixture.request);
        expect(v.safeParse(vCreateMessageParams, request).issues).toBeUndefined();
        const response = await post(request, fixture.clientHeaders);

        expect(state.calls).toHaveLength(1);
        const call = state.calls[0]!;
        const want = fixture.expect;
        const upstream = fixture.upstream.response;

        if (family === 'anthropic') {
          // Pass-through: body in = body upstream, the upstream's answer out as it is.
          const { model, ...rest } = request;
          const vertex = provider === 'vertex-anthropic';
          expect(call.url).toBe(fixture.upstream.url);
          expect(call.body).toEqual(vertex ? { anthropic_version: 'vertex-2023-10-16', ...rest } : { ...rest, model });
          for (const [header, value] of Object.entries(fixture.clientHeaders ?? {})) expect(call.headers.get(header)).toBe(value);
          if ((upstream.status ?? 200) >= 400) {
            expect(response.status).toBe(anthropicStatus(want));
            expect(v.safeParse(vErrorResponse, await response.json()).issues).toBeUndefined();
          } else if (upstream.sse !== undefined) {
            expect(await response.text()).toBe(upstream.sse);
          } else {
            expect(await response.json()).toEqual(upstream.json);
          }
          return;
        }

        expect(call.url).toBe(fixture.upstream.url);
        const sent = JSON.stringify(call.body);
        for (const turn of request.messages)
          for (const block of turn.content) {
            if (block.type === 'text') expect(sent).toContain(JSON.stringify(block.text).slice(1, -1));
            if (block.type === 'image' && block.source.type === 'base64') expect(sent).toContain(block.source.data);
            if (block.type === 'tool_use') expect(sent).toContain(block.name);
          }

        expect(response.status).toBe(anthropicStatus(want));
        if (response.status >= 400) {
          const body = (await response.json()) as { error: { message: string } };
          expect(v.safeParse(vErrorResponse, body).issues).toBeUndefined();
          expect(body.error.message).toBe((want.json as { error: { message: string } }).error.message);
          return;
        }
        const meaning = meaningOf(want);
        let got;
        if (request.stream) {
          expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
          const events = await readEvents(response);
          expectAnthropicGrammar(events);
          got = meaningOfAnthropic({ events: events.map((e) => e.data) });
        } else {
          const message = await response.json();
          expect(v.safeParse(vMessage, message).issues).toBeUndefined();
          got = meaningOfAnthropic({ message });
        }
        expect(got.content).toBe(meaning.content);
        expect(got.thinking).toBe(meaning.thinking);
        expect(got.toolCalls).toEqual(meaning.toolCalls);
        expect(got.error).toBe(meaning.error);
        if (!meaning.error) {
          expect(got.finish).toBe(
            meaning.finish === 'length' || meaning.finish === 'tool_calls' || meaning.finish === 'content_filter' ? meaning.finish : 'stop',
          );
          if (meaning.usage)
            expect(got.usage).toEqual({ prompt_tokens: meaning.usage.prompt_tokens, completion_tokens: meaning.usage.completion_tokens });
        }
      });
    }
  });
}
