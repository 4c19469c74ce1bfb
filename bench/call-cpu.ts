/**
 * `npm run bench:calls -- [count] [--build]`: the proxy's own CPU per non-streamed request, per family,
 * in process: the app's fetch handler against a stub upstream (global `fetch` answering at once
 * from memory), so that the figure is the proxy's building of the upstream call, translating and
 * answering, with no network and no load generator. `process.cpuUsage()` over `count` requests
 * (default 5,000) after 1,000 warm-up, the median of 5 rounds. Written for issue 15's typed
 * clients (docs/benchmarks.md, "Typed upstream clients"). `--build` times only the building of
 * one call, by the generated function and by hand, 200,000 times each (too small a part of a
 * request to show through the noise of the whole on a shared machine).
 */
import { handle } from '../src/app';

const COUNT = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5000);
const WARMUP = 1000;
const ROUNDS = 5;

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 };

/** What each upstream answers, by a piece of its URL. */
const replies: [string, () => Response][] = [
  [
    '/chat/completions',
    () =>
      json({
        id: 'c',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there!' }, finish_reason: 'stop' }],
        usage,
      }),
  ],
  ['/embeddings', () => json({ object: 'list', model: 'm', data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }], usage })],
  [
    '/v1/messages',
    () =>
      json({
        id: 'm',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [{ type: 'text', text: 'Hello there!' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 5, output_tokens: 2 },
      }),
  ],
  [
    ':generateContent',
    () =>
      json({
        candidates: [{ content: { role: 'model', parts: [{ text: 'Hello there!' }] }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 },
      }),
  ],
  [
    '/v2/chat',
    () =>
      json({
        id: 'k',
        finish_reason: 'COMPLETE',
        message: { role: 'assistant', content: [{ type: 'text', text: 'Hello there!' }] },
        usage: { billed_units: { input_tokens: 5, output_tokens: 2 }, tokens: { input_tokens: 5, output_tokens: 2 } },
      }),
  ],
];

globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (typeof init?.body === 'string') JSON.parse(init.body); // an upstream reads the body
  const reply = replies.find(([part]) => url.includes(part));
  if (!reply) throw new Error(`no stub for ${url}`);
  return reply[1]();
};

const env = {
  API_KEY: 'bench-key',
  OPENAI_API_KEY: 'sk-bench',
  ANTHROPIC_API_KEY: 'a-bench',
  GOOGLE_GEN_AI_API_KEY: 'g-bench',
  COHERE_API_KEY: 'k-bench',
  LOG_LEVEL: 'error',
};
const chat = (model: string) => ({
  path: '/v1/chat/completions',
  body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hello.' }], max_tokens: 32 }),
});
/**
 * An agent's long turn, as Claude Code and Codex send one: a 20 kB system prompt, 20 tools with
 * JSON Schemas, and 200 messages of text, reasoning, tool calls and their results (about 360 kB
 * for Anthropic's Messages, 260 kB for OpenAI's Chat Completions). The proxy validates and
 * converts all of it on every turn.
 */
const tools = Array.from({ length: 20 }, (_, i) => ({
  name: `tool${i}`,
  description: 'd'.repeat(500),
  schema: {
    type: 'object',
    properties: Object.fromEntries(Array.from({ length: 10 }, (_, j) => [`p${j}`, { type: 'string', description: 'x'.repeat(100) }])),
    required: ['p0'],
  },
}));
const anthropicTurnFor = (model: string): string =>
  JSON.stringify({
    model,
    max_tokens: 32,
    system: [{ type: 'text', text: 's'.repeat(20_000), cache_control: { type: 'ephemeral' } }],
    tools: tools.map(({ name, description, schema }) => ({ name, description, input_schema: schema })),
    messages: Array.from({ length: 200 }, (_, i) =>
      i % 2 === 1
        ? {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 't'.repeat(500), signature: 'sig'.repeat(50) },
              { type: 'text', text: 'a'.repeat(300) },
              { type: 'tool_use', id: `toolu_${i}`, name: 'tool1', input: { p0: 'a'.repeat(300) } },
            ],
          }
        : {
            role: 'user',
            content:
              i === 0
                ? [{ type: 'text', text: 'u'.repeat(1000) }]
                : [{ type: 'tool_result', tool_use_id: `toolu_${i - 1}`, content: 'r'.repeat(1500) }],
          },
    ),
  });
const anthropicTurn = anthropicTurnFor('claude-sonnet-4-5');
const openaiTurn = JSON.stringify({
  model: 'gpt-4o-mini',
  max_tokens: 32,
  tools: tools.map(({ name, description, schema }) => ({ type: 'function', function: { name, description, parameters: schema } })),
  messages: [
    { role: 'system', content: 's'.repeat(20_000) },
    ...Array.from({ length: 200 }, (_, i) =>
      i % 3 === 2
        ? { role: 'tool', tool_call_id: `c${i - 1}`, content: 'r'.repeat(1500) }
        : i % 3 === 1
          ? {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: `c${i}`, type: 'function', function: { name: 'tool1', arguments: `{"p0":"${'a'.repeat(300)}"}` } }],
            }
          : { role: 'user', content: [{ type: 'text', text: 'u'.repeat(1000) }] },
    ),
  ],
});

/** Codex's long turn as Responses input items: messages, reasoning carried back, tool calls and their outputs. */
const responsesTurn = JSON.stringify({
  model: 'anthropic/claude-sonnet-4-5',
  instructions: 's'.repeat(20_000),
  store: false,
  tools: tools.map(({ name, description, schema }) => ({ type: 'function', name, description, parameters: schema, strict: false })),
  input: [
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'u'.repeat(1000) }] },
    ...Array.from({ length: 100 }, (_, i) => [
      { type: 'reasoning', summary: [{ type: 'summary_text', text: 't'.repeat(300) }] },
      { type: 'function_call', call_id: `call_${i}`, name: 'tool1', arguments: `{"p0":"${'a'.repeat(300)}"}` },
      { type: 'function_call_output', call_id: `call_${i}`, output: 'r'.repeat(1500) },
    ]).flat(),
  ],
});

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const all = [
  { id: 'openai chat', ...chat('gpt-4o-mini') },
  { id: 'openai embeddings', path: '/v1/embeddings', body: JSON.stringify({ model: 'text-embedding-3-small', input: 'hello' }) },
  { id: 'anthropic chat', ...chat('claude-sonnet-4-5') },
  { id: 'gemini chat', ...chat('gemini-2.5-flash') },
  { id: 'cohere chat', ...chat('command-a-03-2025') },
  {
    id: 'anthropic pass-through',
    path: '/v1/messages',
    body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 32, messages: [{ role: 'user', content: 'Say hello.' }] }),
  },
  // bench/scenarios.ts's T-responses: a Responses client translated to an Anthropic upstream.
  {
    id: 'responses -> anthropic',
    path: '/v1/responses',
    body: JSON.stringify({ model: 'anthropic/claude-sonnet-4-5', input: 'Say hello.' }),
  },
  { id: 'openai agent turn', path: '/v1/chat/completions', body: openaiTurn, count: 200 },
  { id: 'anthropic agent turn', path: '/v1/messages', body: anthropicTurn, count: 200 },
  // Claude Code on an OpenAI model: the same turn translated (bench/scenarios.ts's T-messages).
  { id: 'messages -> openai agent turn', path: '/v1/messages', body: anthropicTurnFor('gpt-4o-mini'), count: 200 },
  { id: 'responses agent turn', path: '/v1/responses', body: responsesTurn, count: 200 },
];

async function once(path: string, body: string): Promise<void> {
  const request = new Request(`http://proxy.local${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer bench-key', 'content-type': 'application/json' },
    body,
  });
  const response = await handle(request, env);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  await response.text();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const cases = only ? all.filter((c) => only.split(',').includes(c.id)) : all;

if (process.argv.includes('--build')) await timeBuilding();

for (const c of cases) {
  // an agent turn costs a thousand small requests: fewer of them
  const count = Math.min(COUNT, c.count ?? COUNT);
  for (let i = 0; i < Math.min(WARMUP, count); i++) await once(c.path, c.body);
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const before = process.cpuUsage();
    for (let i = 0; i < count; i++) await once(c.path, c.body);
    const used = process.cpuUsage(before);
    rounds.push((used.user + used.system) / count);
  }
  console.log(`${c.id.padEnd(24)} ${median(rounds).toFixed(1)} us/request (rounds ${rounds.map((x) => x.toFixed(0)).join(' ')})`);
}

/** The chat call of a provider as the generated client builds it, and as the families built it by hand before. */
async function timeBuilding(): Promise<void> {
  const { createChatCompletion } = await import('../generated/openai/client');
  const body = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }], max_tokens: 32 };
  const key: string = 'sk-bench';
  const ways = {
    generated: () => createChatCompletion('https://api.openai.com/v1', key, { body }),
    'by hand': () => ({
      url: `${'https://api.openai.com/v1'}/chat/completions`,
      body: JSON.stringify(body),
      auth: async () => ({ authorization: `Bearer ${key}` }),
    }),
  };
  // Rounds alternate between the two, so that neither gains from going second.
  const rounds: Record<string, number[]> = { generated: [], 'by hand': [] };
  let keep = 0;
  for (let r = 0; r <= ROUNDS; r++) {
    for (const [name, build] of Object.entries(ways)) {
      const before = process.cpuUsage();
      for (let i = 0; i < 200_000; i++) keep += build().url.length;
      const used = process.cpuUsage(before);
      if (r > 0) rounds[name]!.push(((used.user + used.system) * 1000) / 200_000); // round 0 warms up
    }
  }
  for (const [name, ns] of Object.entries(rounds))
    console.log(`building a call, ${name.padEnd(10)} ${median(ns).toFixed(0)} ns (rounds ${ns.map((x) => x.toFixed(0)).join(' ')})`);
  (globalThis as { sink?: number }).sink = keep;
}
