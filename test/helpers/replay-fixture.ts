/**
 * Serves one fixture's upstream exchange with msw and records the calls the proxy makes. Google's
 * token endpoint is served too, so Vertex fixtures exercise the real signed-JWT exchange.
 */
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { expect } from 'vitest';
import type { Fixture } from './fixtures';
import { VERTEX_TEST_ACCESS_TOKEN } from './test-env';

export interface CapturedCall {
  url: string;
  headers: Headers;
  body: unknown;
}

export function replayFixture(server: SetupServer, fixture: Fixture): { calls: CapturedCall[]; tokenRequests: URLSearchParams[] } {
  const state = { calls: [] as CapturedCall[], tokenRequests: [] as URLSearchParams[] };
  const url = new URL(fixture.upstream.url);
  const assets = Object.entries(fixture.upstream.assets ?? {}).map(([asset, { base64, contentType }]) =>
    http.get(asset, () => new HttpResponse(Buffer.from(base64, 'base64'), { headers: { 'content-type': contentType } })),
  );
  server.resetHandlers(
    ...assets,
    http.post('https://oauth2.googleapis.com/token', async ({ request }) => {
      state.tokenRequests.push(new URLSearchParams(await request.text()));
      return HttpResponse.json({ access_token: VERTEX_TEST_ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' });
    }),
    http.post(`${url.origin}${url.pathname}`, async ({ request }) => {
      state.calls.push({ url: request.url, headers: request.headers, body: await request.json() });
      const { status = 200, headers = {}, json, sse } = fixture.upstream.response;
      if (sse !== undefined) return new HttpResponse(sse, { status, headers: { 'content-type': 'text/event-stream', ...headers } });
      return HttpResponse.json(json as never, { status, headers });
    }),
  );
  return state;
}

/**
 * Expected values may hold `"<any:number>"` or `"<any:string>"` where the proxy makes the value
 * (Anthropic has no `created`; generated ids).
 */
export function expected(value: unknown): unknown {
  if (value === '<any:number>') return expect.any(Number);
  if (value === '<any:string>') return expect.any(String);
  if (Array.isArray(value)) return value.map(expected);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expected(v)]));
  return value;
}
