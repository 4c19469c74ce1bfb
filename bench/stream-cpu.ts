/**
 * CPU per translated stream chunk, in process: the proxy's fetch handler with `fetch` stubbed to
 * answer every family in its own wire format, and a bare pass-through (the upstream body handed
 * back as it is) through the same stub and the same reading client. Per extra chunk is
 * (CPU of streams of LONG chunks - CPU of streams of SHORT chunks) / (LONG - SHORT), so what a
 * request costs once (routing, validation, the request's conversion) cancels out.
 *   burst: the upstream body arrives in one read; paced: one event per read, 1 ms apart.
 *
 *   npx tsx bench/stream-cpu.ts [--streams N] [--rounds N] [--only burst|paced] [--scenario text]
 * (`--scenario` keeps the pass-through and the scenarios whose name contains the text: for a --cpu-prof run)
 */
import { parseArgs } from 'node:util';
import { handle } from '../src/app';

const { values: args } = parseArgs({
  options: {
    streams: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
    scenario: { type: 'string' },
  },
});
const STREAMS = Number(args.streams);
const ROUNDS = Number(args.rounds);
const SHORT = 4;
const LONG = 64;
/** paced streams in flight at once, so 1 ms between reads does not make the run take minutes */
const PACED_IN_FLIGHT = 64;

const env: Record<string, string> = {
  API_KEY: 'bench',
  OPENAI_API_KEY: 'k',
  OPENAI_BASE_URL: 'http://upstream.test/v1',
  ANTHROPIC_API_KEY: 'k',
  ANTHROPIC_BASE_URL: 'http://upstream.test',
  GOOGLE_GEN_AI_API_KEY: 'k',
  GOOGLE_GEN_AI_BASE_URL: 'http://upstream.test',
  COHERE_API_KEY: 'k',
  COHERE_BASE_URL: 'http://upstream.test',
  COZE_API_KEY: 'k',
  COZE_BOTS: 'bench-bot=7351234567890123456',
  COZE_BASE_URL: 'http://upstream.test',
  UPSTREAM_RETRIES: '0',
  LOG_LEVEL: 'off',
  RESPONSES_NATIVE: 'off',
};

const sse = (data: object, event?: string): string => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

/** Each family's stream of `n` text deltas, as events (one string per event). */
const upstreams: Record<string, { model: string; events: (n: number) => string[] }> = {
  openai: {
    model: 'gpt-4o-mini',
    events: (n) => {
      const chunk = (delta: object, finish: string | null = null) =>
        sse({
          id: 'chatcmpl-1',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'gpt-4o-mini',
          choices: [{ index: 0, delta, finish_reason: finish }],
        });
      return [
        chunk({ role: 'assistant', content: '' }),
        ...Array.from({ length: n }, (_, i) => chunk({ content: `word${i} ` })),
        chunk({}, 'stop'),
        'data: [DONE]\n\n',
      ];
    },
  },
  anthropic: {
    model: 'claude-haiku-4-5-20251001',
    events: (n) => [
      sse(
        {
          type: 'message_start',
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model: 'claude-haiku-4-5-20251001',
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 10, output_tokens: 1 },
          },
        },
        'message_start',
      ),
      sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
      ...Array.from({ length: n }, (_, i) =>
        sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `word${i} ` } }, 'content_block_delta'),
      ),
      sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
      sse({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: n } }, 'message_delta'),
      sse({ type: 'message_stop' }, 'message_stop'),
    ],
  },
  gemini: {
    model: 'gemini-2.5-flash',
    events: (n) =>
      Array.from({ length: n }, (_, i) =>
        sse({
          candidates: [
            { content: { parts: [{ text: `word${i} ` }], role: 'model' }, index: 0, ...(i === n - 1 ? { finishReason: 'STOP' } : {}) },
          ],
          ...(i === n - 1 ? { usageMetadata: { promptTokenCount: 10, candidatesTokenCount: n, totalTokenCount: 10 + n } } : {}),
          modelVersion: 'gemini-2.5-flash',
          responseId: 'r1',
        }),
      ),
  },
  cohere: {
    model: 'command-a-03-2025',
    events: (n) => [
      sse(
        {
          id: 'c1',
          type: 'message-start',
          delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
        },
        'message-start',
      ),
      sse({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } }, 'content-start'),
      ...Array.from({ length: n }, (_, i) =>
        sse({ type: 'content-delta', index: 0, delta: { message: { content: { text: `word${i} ` } } } }, 'content-delta'),
      ),
      sse({ type: 'content-end', index: 0 }, 'content-end'),
      sse(
        {
          type: 'message-end',
          delta: {
            finish_reason: 'COMPLETE',
            usage: { billed_units: { input_tokens: 10, output_tokens: n }, tokens: { input_tokens: 10, output_tokens: n } },
          },
        },
        'message-end',
      ),
      'data: [DONE]\n\n',
    ],
  },
  coze: {
    model: 'bench-bot',
    events: (n) => {
      const chat = { id: '7410', conversation_id: '7400', bot_id: '7351234567890123456', created_at: 1, last_error: { code: 0, msg: '' } };
      const message = {
        id: '7401',
        conversation_id: '7400',
        bot_id: '7351234567890123456',
        role: 'assistant',
        type: 'answer',
        content_type: 'text',
        chat_id: '7410',
      };
      return [
        sse({ ...chat, status: 'created' }, 'conversation.chat.created'),
        sse({ ...chat, status: 'in_progress' }, 'conversation.chat.in_progress'),
        ...Array.from({ length: n }, (_, i) => sse({ ...message, content: `word${i} ` }, 'conversation.message.delta')),
        sse({ ...message, content: 'whole' }, 'conversation.message.completed'),
        sse(
          { ...chat, status: 'completed', usage: { token_count: 10 + n, output_count: n, input_count: 10 } },
          'conversation.chat.completed',
        ),
        'event: done\ndata: "[DONE]"\n\n',
      ];
    },
  },
};

const familyOf = (url: string): keyof typeof upstreams => {
  if (url.includes('/chat/completions')) return 'openai';
  if (url.includes('/v1/messages')) return 'anthropic';
  if (url.includes(':streamGenerateContent')) return 'gemini';
  if (url.includes('/v2/chat')) return 'cohere';
  if (url.includes('/v3/chat')) return 'coze';
  throw new Error(`no upstream for ${url}`);
};

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let mode: 'burst' | 'paced' = 'burst';
let chunks = SHORT;

/** The upstream's reads of one family's stream of `n` deltas, made once: what the harness costs is the same for every run. */
const reads = new Map<string, { whole: Uint8Array; events: Uint8Array[] }>();
function readsOf(family: keyof typeof upstreams, n: number) {
  const key = `${family}:${n}`;
  let made = reads.get(key);
  if (!made) {
    const events = upstreams[family]!.events(n);
    reads.set(key, (made = { whole: encoder.encode(events.join('')), events: events.map((event) => encoder.encode(event)) }));
  }
  return made;
}

function upstreamBody(family: keyof typeof upstreams): ReadableStream<Uint8Array> {
  const made = readsOf(family, chunks);
  if (mode === 'burst') return new ReadableStream({ start: (c) => (c.enqueue(made.whole), c.close()) });
  let next = 0;
  return new ReadableStream({
    async pull(c) {
      if (next > 0) await sleep(1);
      c.enqueue(made.events[next++]!);
      if (next === made.events.length) c.close();
    },
  });
}

globalThis.fetch = (async (input: RequestInfo | URL) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return new Response(upstreamBody(familyOf(url)), { headers: { 'content-type': 'text/event-stream' } });
}) as typeof fetch;

/**
 * The least a translating proxy on WHATWG streams does per read: the upstream's reads enqueued,
 * unchanged, into a stream of its own (the body the client reads).
 */
function restreamed(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream(
    {
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

interface Scenario {
  readonly name: string;
  readonly request: (model: string) => { path: string; body: object };
  readonly family: keyof typeof upstreams;
  /** a bare pass-through: the upstream's body back as it is, or through a stream of its own */
  readonly passThrough?: 'as-is' | 'restreamed';
}

const chatRequest = (model: string) => ({
  path: '/v1/chat/completions',
  body: { model, stream: true, messages: [{ role: 'user', content: 'hi' }] },
});
const allScenarios: Scenario[] = [
  { name: 'pass-through (openai bytes)', family: 'openai', request: chatRequest, passThrough: 'as-is' },
  { name: 'pass-through, re-streamed', family: 'openai', request: chatRequest, passThrough: 'restreamed' },
  ...(['openai', 'anthropic', 'gemini', 'cohere', 'coze'] as const).map((family) => ({
    name: `${family} -> openai sse`,
    family,
    request: chatRequest,
  })),
  {
    name: 'openai -> ollama ndjson',
    family: 'openai',
    request: (model) => ({ path: '/api/chat', body: { model, stream: true, messages: [{ role: 'user', content: 'hi' }] } }),
  },
  {
    name: 'openai -> anthropic sse',
    family: 'openai',
    request: (model) => ({
      path: '/v1/messages',
      body: { model, stream: true, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] },
    }),
  },
  {
    name: 'openai -> responses sse',
    family: 'openai',
    request: (model) => ({ path: '/v1/responses', body: { model, stream: true, input: 'hi', store: false } }),
  },
  {
    name: 'gemini -> anthropic sse',
    family: 'gemini',
    request: (model) => ({
      path: '/v1/messages',
      body: { model, stream: true, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] },
    }),
  },
];

const scenarios = allScenarios.filter((s) => s.passThrough || !args.scenario || s.name.includes(args.scenario));

async function drain(response: Response): Promise<number> {
  if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
  const reader = response.body!.getReader();
  let bytes = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

async function one(scenario: Scenario): Promise<number> {
  const { path, body } = scenario.request(upstreams[scenario.family]!.model);
  if (scenario.passThrough) {
    const upstream = await fetch('http://upstream.test/v1/chat/completions', { method: 'POST', body: JSON.stringify(body) });
    const passed = scenario.passThrough === 'as-is' ? upstream.body : restreamed(upstream.body!);
    return drain(new Response(passed, { headers: { 'content-type': 'text/event-stream' } }));
  }
  const request = new Request(`http://proxy.test${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return drain(await handle(request, env));
}

/** CPU microseconds per stream of `n` chunks. */
async function cpuPerStream(scenario: Scenario, n: number, streams: number): Promise<number> {
  chunks = n;
  const inFlight = mode === 'paced' ? PACED_IN_FLIGHT : 1;
  let started = 0;
  const worker = async () => {
    while (started < streams) {
      started += 1;
      await one(scenario);
    }
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / streams;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const modes = args.only ? [args.only as 'burst' | 'paced'] : (['burst', 'paced'] as const);
  for (const scenario of scenarios) {
    mode = 'burst';
    await cpuPerStream(scenario, LONG, 50);
  }
  console.log(`CPU per extra chunk (us), ${STREAMS} streams of ${SHORT} and ${LONG} chunks, median of ${ROUNDS} rounds`);
  for (const m of modes) {
    mode = m;
    const streams = m === 'paced' ? Math.max(PACED_IN_FLIGHT, Math.floor(STREAMS / 2)) : STREAMS;
    const perChunk = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of scenarios) {
        const short = await cpuPerStream(scenario, SHORT, streams);
        const long = await cpuPerStream(scenario, LONG, streams);
        perChunk.set(scenario.name, [...(perChunk.get(scenario.name) ?? []), (long - short) / (LONG - SHORT)]);
      }
    }
    const base = median(perChunk.get(scenarios[0]!.name)!);
    console.log(`\n${m} (${streams} streams)`);
    for (const scenario of scenarios) {
      const value = median(perChunk.get(scenario.name)!);
      const over = scenario.passThrough === 'as-is' ? '' : `  (+${(value - base).toFixed(2)} over the pass-through)`;
      console.log(`  ${scenario.name.padEnd(30)} ${value.toFixed(2).padStart(7)}${over}`);
    }
  }
}

await main();
