/**
 * Two trees side by side, interleaved, for a change to the stream path: the CPU per streamed
 * chunk (paced and burst, as bench/run.ts measures it) and the first chunk's time, of Pu and of
 * each tree's proxy for each scenario, all against one mock upstream, trial after trial in
 * alternation so that a busy machine disturbs both alike.
 *
 *   npx tsx bench/ab-stream.ts --a <tree> --b <tree> [--only X,Xa] [--trials 7]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanUpChildrenOnExit, startServerChild, type ServerChild } from './children';
import { closedLoop, keepAliveAgent, sequential, type Endpoint } from './load-generator';
import { MockUpstream, QUICK_STREAM } from './mock-upstream';
import { SCENARIOS, requestBody, type Scenario } from './scenarios';
import { fmt, median } from './stats';

const { values: args } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    only: { type: 'string', default: 'X,Xa,T-messages' },
    trials: { type: 'string', default: '7' },
  },
});
const API_KEY = 'bench-proxy-key';
const STREAMS = 64;
const CONCURRENCY = 8;
const CHUNKS = [10, 110] as const;
const FIRST_CHUNKS = 100;

cleanUpChildrenOnExit();
const mock = await MockUpstream.start();
const upstream = `http://127.0.0.1:${mock.port}`;
const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
const proxyEnv = {
  ...base,
  API_KEY,
  OPENAI_API_KEY: 'sk-bench-openai',
  OPENAI_BASE_URL: `${upstream}/v1`,
  ANTHROPIC_API_KEY: 'sk-ant-bench',
  ANTHROPIC_BASE_URL: upstream,
};
const trees = { a: args.a!, b: args.b! };
const servers: Record<string, ServerChild> = {
  Pu: await startServerChild({
    name: 'Pu',
    entry: join(trees.a, 'bench', 'passthrough.ts'),
    args: ['undici'],
    cwd: trees.a,
    env: { ...base, BENCH_UPSTREAM: upstream },
  }),
  a: await startServerChild({ name: 'a', entry: join(trees.a, 'bench', 'proxy-server.ts'), cwd: trees.a, env: proxyEnv }),
  b: await startServerChild({ name: 'b', entry: join(trees.b, 'bench', 'proxy-server.ts'), cwd: trees.b, env: proxyEnv }),
};
const endpoint = (scenario: Scenario, server: ServerChild): Endpoint => ({
  port: server.port,
  path: scenario.path,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
  body: requestBody(scenario.model, true, scenario.dialect),
});

const pu = SCENARIOS.find((s) => s.id === 'Pu')!;
const runs: { label: string; scenario: Scenario; server: ServerChild }[] = [{ label: 'Pu', scenario: pu, server: servers.Pu! }];
for (const id of args.only!.split(',')) {
  const scenario = SCENARIOS.find((s) => s.id === id)!;
  runs.push({ label: `${id} a`, scenario, server: servers.a! }, { label: `${id} b`, scenario, server: servers.b! });
}

async function cpu(run: (typeof runs)[number], chunks: number, intervalMs: number): Promise<number> {
  mock.mode = { contentChunks: chunks, intervalMs, hold: false };
  const before = await run.server.stats();
  await closedLoop(endpoint(run.scenario, run.server), CONCURRENCY, { total: STREAMS });
  const after = await run.server.stats();
  return after.cpuUs - before.cpuUs;
}
const perChunk = (long: number, short: number) => (long - short) / (STREAMS * (CHUNKS[1] - CHUNKS[0]));

const paced = new Map(runs.map((r) => [r.label, [] as number[]]));
const burst = new Map(runs.map((r) => [r.label, [] as number[]]));
const first = new Map(runs.map((r) => [r.label, [] as number[]]));
for (const run of runs) {
  await cpu(run, CHUNKS[1], 1);
  await cpu(run, CHUNKS[1], 0);
}
const trials = Number(args.trials);
for (let trial = 0; trial < trials; trial++) {
  for (const run of trial % 2 ? [...runs].reverse() : runs) {
    paced.get(run.label)!.push(perChunk(await cpu(run, CHUNKS[1], 1), await cpu(run, CHUNKS[0], 1)));
    burst.get(run.label)!.push(perChunk(await cpu(run, CHUNKS[1], 0), await cpu(run, CHUNKS[0], 0)));
    mock.mode = { contentChunks: 1, intervalMs: 1, hold: false };
    const agent = keepAliveAgent(1);
    for (const x of await sequential(agent, endpoint(run.scenario, run.server), FIRST_CHUNKS)) first.get(run.label)!.push(x.firstByteMs);
    agent.destroy();
  }
  process.stderr.write(`trial ${trial + 1}/${trials}\n`);
}
mock.mode = QUICK_STREAM;
console.log(`a: ${trees.a}\nb: ${trees.b}\n`);
console.log('| run | CPU µs/chunk paced (median) | paced (min) | burst (median) | burst (min) | first chunk p50 ms | paced trials |');
console.log('|---|---|---|---|---|---|---|');
for (const run of runs) {
  const p = paced.get(run.label)!;
  console.log(
    `| ${run.label} | ${fmt(median(p), 1)} | ${fmt(Math.min(...p), 1)} | ${fmt(median(burst.get(run.label)!), 1)} | ${fmt(Math.min(...burst.get(run.label)!), 1)} | ${fmt(median(first.get(run.label)!), 3)} | ${p.map((v) => fmt(v, 1)).join(' ')} |`,
  );
}
for (const server of Object.values(servers)) await server.stop();
await mock.close();
process.exit(0);
