/**
 * What is measured: one entry per way of reaching the mock upstream (DESIGN section 9). Every
 * phase of bench/run.ts runs over this list, so a new scenario (a translating one, once the proxy
 * has that dialect or family) is one more entry here and nothing else.
 *
 * Each scenario is probed first; one whose probe fails (e.g. the route or provider does not exist
 * yet) is reported as "not yet measured" with the probe's answer, so T entries start measuring by
 * themselves the day the feature lands.
 */

import type { UpstreamFormat } from './mock-upstream';

/** Which server the load generator talks to. */
export type ServerKind =
  | 'mock'
  | 'passthrough-node'
  | 'passthrough-undici'
  | 'passthrough-hono'
  | 'proxy'
  /** a bare pass-through Worker (`return fetch(upstream)`) under the workerd binary (bench/workerd.ts) */
  | 'workerd-passthrough'
  /** a Worker that hands each upstream read through JS unchanged (bench/workerd.ts, the relay) */
  | 'workerd-relay'
  /** the proxy's Worker bundle under the workerd binary */
  | 'workerd-proxy';

/** The runtime a scenario's server runs on: its ratios are to the fastest bare pass-through of that runtime. */
export type Runtime = 'node' | 'workerd';

/** The floor of each runtime: the bare pass-through every ratio of that runtime's scenarios is taken against. */
export const FLOOR: Readonly<Record<Runtime, string>> = { node: 'Pu', workerd: 'Pw' };

export const runtimeOf = (scenario: Scenario): Runtime => (scenario.server.startsWith('workerd-') ? 'workerd' : 'node');

export interface Scenario {
  /** short label for tables: D, P, Ph, X, T-... */
  readonly id: string;
  readonly title: string;
  readonly server: ServerKind;
  /** request path on that server */
  readonly path: string;
  readonly model: string;
  /** text a complete streamed response contains (its last event) */
  readonly streamEnd: string;
  /** a translating scenario: the design's CPU-per-chunk target is about these */
  readonly translating?: boolean;
  /** the inbound API's request shape: chat (`messages`, OpenAI and Ollama alike; the default), Anthropic Messages or Responses (`input`) */
  readonly dialect?: 'anthropic' | 'responses';
  /** the wire format the mock answers this scenario's model in: OpenAI unless said */
  readonly upstream?: UpstreamFormat;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'D',
    title: 'direct to the mock upstream',
    server: 'mock',
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    streamEnd: 'data: [DONE]',
  },
  {
    id: 'P',
    title: 'bare pass-through: node:http + fetch (baseline)',
    server: 'passthrough-node',
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    streamEnd: 'data: [DONE]',
  },
  {
    id: 'Pu',
    title: "bare pass-through: node:http + undici's own Pool.request (the fastest on Node)",
    server: 'passthrough-undici',
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    streamEnd: 'data: [DONE]',
  },
  {
    id: 'Ph',
    title: 'bare pass-through: @hono/node-server + fetch',
    server: 'passthrough-hono',
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    streamEnd: 'data: [DONE]',
  },
  {
    id: 'X',
    title: 'proxy, OpenAI -> OpenAI',
    server: 'proxy',
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    streamEnd: 'data: [DONE]',
  },
  {
    id: 'T-anthropic',
    title: 'proxy, OpenAI client -> Anthropic upstream (Anthropic SSE -> OpenAI SSE)',
    server: 'proxy',
    path: '/v1/chat/completions',
    model: 'anthropic/claude-sonnet-4-5',
    upstream: 'anthropic',
    streamEnd: 'data: [DONE]',
    translating: true,
  },
  {
    id: 'T-responses',
    title: 'proxy, Responses client -> Anthropic upstream (Anthropic SSE -> Responses events)',
    server: 'proxy',
    path: '/v1/responses',
    model: 'anthropic/claude-sonnet-4-5',
    upstream: 'anthropic',
    streamEnd: 'response.completed',
    translating: true,
    dialect: 'responses',
  },
  {
    id: 'T-ollama',
    title: 'proxy, Ollama client -> OpenAI upstream (OpenAI SSE -> Ollama NDJSON)',
    server: 'proxy',
    path: '/api/chat',
    model: 'gpt-4o-mini',
    streamEnd: '"done":true',
    translating: true,
  },
  {
    id: 'Xa',
    title: 'proxy, Anthropic client -> Anthropic upstream (pass-through)',
    server: 'proxy',
    path: '/v1/messages',
    model: 'claude-sonnet-4-5',
    upstream: 'anthropic',
    streamEnd: 'event: message_stop',
    dialect: 'anthropic',
  },
  {
    id: 'T-messages',
    title: 'proxy, Anthropic client -> OpenAI upstream (OpenAI SSE -> Anthropic SSE)',
    server: 'proxy',
    path: '/v1/messages',
    model: 'gpt-4o-mini',
    streamEnd: 'event: message_stop',
    translating: true,
    dialect: 'anthropic',
  },
  {
    id: 'Pw',
    title: 'bare pass-through Worker (`return fetch(upstream)`) under workerd (the floor on workerd)',
    server: 'workerd-passthrough',
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    streamEnd: 'data: [DONE]',
  },
  {
    id: 'Rw',
    title:
      'relay Worker under workerd: each upstream read handed through JS unchanged, one read() and one enqueue (the floor of a Worker that touches every chunk)',
    server: 'workerd-relay',
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    streamEnd: 'data: [DONE]',
  },
  {
    id: 'Xw',
    title: "proxy's Worker bundle under workerd, OpenAI -> OpenAI",
    server: 'workerd-proxy',
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    streamEnd: 'data: [DONE]',
  },
];

/**
 * The CPU-per-chunk phase's streams (bench/run.ts), and the paced-chunk profile's
 * (bench/paced-chunk-profile.ts): per extra chunk is the difference between streams of
 * `chunks[1]` and `chunks[0]` content chunks, `inFlight` at a time, paced one chunk per
 * `intervalMs` per stream.
 */
export const CPU_STREAM_SHAPE = { chunks: [10, 110], inFlight: 8, intervalMs: 1 } as const;

export const REQUEST_BYTES = 200;

/**
 * The request body: 200 bytes, as in the design's reference measurements. The same JSON works
 * for the OpenAI and the Ollama chat APIs (model, messages, stream); Responses takes `input`.
 */
export function requestBody(model: string, stream: boolean, dialect?: Scenario['dialect']): Buffer {
  // Anthropic's Messages API requires max_tokens.
  const extra = dialect === 'anthropic' ? { max_tokens: 256 } : {};
  const make = (content: string): string =>
    JSON.stringify(
      dialect === 'responses' ? { model, input: content, stream } : { model, ...extra, messages: [{ role: 'user', content }], stream },
    );
  const bare = make('');
  const padding = Math.max(1, REQUEST_BYTES - Buffer.byteLength(bare));
  return Buffer.from(make('Say hello. '.repeat(Math.ceil(padding / 11)).slice(0, padding)));
}
