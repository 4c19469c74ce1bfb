/**
 * Where a paced chunk's CPU goes on Node: `perf record` (the kernel's software cpu-clock, so no
 * hardware counters are needed; call graphs, with the JS frames named by V8's perf map) on each
 * server while it serves paced streams as the bench's CPU-per-chunk phase does (8 at a time, one
 * chunk per interval), streams of LONG chunks and of SHORT, and per extra chunk =
 * (time in a part for LONG - for SHORT) / extra chunks, so what a request costs once cancels out.
 * The parts are bench/perf-parts.ts's: V8's JSON and GC, the kernel's work, and the rest by whose
 * JS ran.
 *
 *   npx tsx bench/paced-chunk-profile.ts [--scenarios Pu,X] [--streams N] [--rounds N] [--freq Hz] [--functions N]
 * (any Node scenarios of bench/scenarios.ts; the first is the floor the others are compared with;
 * `--functions N` also lists, for each of the others, the N innermost JS functions that grew most)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildServers } from './build-servers';
import { canPin, cleanUpChildrenOnExit, pinSelf, trackChild, type ServerChild } from './children';
import { closedLoop, type Endpoint } from './load-generator';
import { MockUpstream } from './mock-upstream';
import { PARTS, modulesOf, partsOfSamples, perfUnavailable, type SampledParts } from './perf-parts';
import { CPU_STREAM_SHAPE, SCENARIOS, runtimeOf } from './scenarios';
import { endpoint, serverFactory } from './servers';
import { fmt } from './stats';

const { values: args } = parseArgs({
  options: {
    scenarios: { type: 'string', default: 'Pu,X' },
    streams: { type: 'string', default: '256' },
    rounds: { type: 'string', default: '2' },
    freq: { type: 'string', default: '5000' },
    functions: { type: 'string', default: '0' },
  },
});
const STREAMS = Number(args.streams);
const ROUNDS = Number(args.rounds);
const {
  chunks: [SHORT, LONG],
  inFlight: IN_FLIGHT,
  intervalMs: INTERVAL_MS,
} = CPU_STREAM_SHAPE;

/** ns of CPU per part and per function in one recording. */
function partsOf(data: string, moduleAt: (file: string, line: number) => string): SampledParts {
  const script = spawnSync('perf', ['script', '-i', data, '-F', 'period,ip,sym,dso'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (script.status !== 0) throw new Error(`perf script: ${script.stderr}`);
  return partsOfSamples(script.stdout, moduleAt);
}

async function main(): Promise<void> {
  const unavailable = perfUnavailable();
  if (unavailable) {
    console.error(`paced-chunk-profile: ${unavailable}`);
    process.exit(1);
  }
  const scenarios = args.scenarios.split(',').map((id) => {
    const scenario = SCENARIOS.find((s) => s.id === id);
    if (!scenario || scenario.server === 'mock' || runtimeOf(scenario) !== 'node')
      throw new Error(`--scenarios: ${id} is not a Node scenario`);
    return scenario;
  });
  cleanUpChildrenOnExit();
  const pinned = canPin() && pinSelf(0);
  const dir = mkdtempSync(join(tmpdir(), 'paced-chunk-profile-'));
  const built = await buildServers(dirname(fileURLToPath(import.meta.url)));
  // The servers run the bundles their start-*.js files import (bench/build-servers.ts).
  const bundles = new Map<string, (line: number) => string>();
  const moduleAt = (file: string, line: number): string => {
    if (!bundles.has(file)) bundles.set(file, existsSync(file) ? modulesOf(readFileSync(file, 'utf8')) : () => '');
    return bundles.get(file)!(line);
  };
  const mock = await MockUpstream.start();
  // V8 writes /tmp/perf-<pid>.map, which names the JS frames for `perf script`.
  const servers = serverFactory(mock, pinned ? 1 : undefined, built, { NODE_OPTIONS: '--perf-basic-prof-only-functions' });
  const running: { id: string; child: ServerChild; ep: Endpoint; ns: number[]; functions: Map<string, number> }[] = [];
  try {
    for (const scenario of scenarios) {
      const child = await servers.start(scenario.server as Parameters<typeof servers.start>[0]);
      running.push({ id: scenario.id, child, ep: endpoint(scenario, child.port, true), ns: PARTS.map(() => 0), functions: new Map() });
    }
    const paced = async (ep: Endpoint, chunks: number, streams: number): Promise<void> => {
      mock.mode = { contentChunks: chunks, intervalMs: INTERVAL_MS, hold: false };
      const run = await closedLoop(ep, IN_FLIGHT, { total: streams });
      if (run.errors > 0) throw new Error(`${run.errors} streams failed (first: ${run.firstError ?? '?'})`);
    };
    for (const { ep } of running) await paced(ep, SHORT, Math.min(500, 4 * STREAMS)); // warm the paced path
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of running) {
        for (const [chunks, sign] of [
          [LONG, 1],
          [SHORT, -1],
        ] as const) {
          const data = join(dir, `${server.id}-${round}-${chunks}.data`);
          const perf = spawn(
            'perf',
            ['record', '-q', '-g', '-F', args.freq, '-e', 'cpu-clock', '-p', String(server.child.pid), '-o', data],
            {
              stdio: 'ignore',
            },
          );
          trackChild(perf);
          await new Promise((resolve) => setTimeout(resolve, 300)); // perf attached
          await paced(server.ep, chunks, STREAMS);
          const exited = new Promise((resolve) => perf.once('exit', resolve));
          perf.kill('SIGINT');
          await exited;
          const { parts, functions } = partsOf(data, moduleAt);
          parts.forEach((ns, i) => (server.ns[i]! += sign * ns));
          for (const [fn, ns] of functions) server.functions.set(fn, (server.functions.get(fn) ?? 0) + sign * ns);
        }
      }
    }
  } finally {
    await Promise.all(running.map(({ child }) => child.stop()));
    for (const { child } of running) rmSync(`/tmp/perf-${child.pid}.map`, { force: true });
    await mock.close();
    built.remove();
    rmSync(dir, { recursive: true, force: true });
  }
  const extraChunks = ROUNDS * STREAMS * (LONG - SHORT);
  const us = running.map(({ ns }) => ns.map((x) => x / 1000 / extraChunks));
  const [floor, ...others] = running.map(({ id }) => id);
  const header = ['part', ...running.map(({ id }) => id), ...others.map((id) => `${id} - ${floor}`)];
  const rows = PARTS.map((name, i) => [name, ...us.map((u) => fmt(u[i]!, 2)), ...us.slice(1).map((u) => fmt(u[i]! - us[0]![i]!, 2))]);
  const total = us.map((u) => u.reduce((a, b) => a + b, 0));
  rows.push(['total', ...total.map((t) => fmt(t, 2)), ...total.slice(1).map((t) => fmt(t - total[0]!, 2))]);
  console.log(
    `µs of CPU per paced chunk (${STREAMS} streams of ${LONG} minus ${SHORT} chunks, ${IN_FLIGHT} at a time, one chunk per ${INTERVAL_MS} ms; ${ROUNDS} rounds; perf at ${args.freq} Hz${pinned ? '; servers on core 1, bench and mock on core 0' : '; not pinned'})`,
  );
  console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  // `--functions N`: the innermost JS functions whose time per chunk grew most over the floor's
  const top = Number(args.functions);
  for (const server of top > 0 ? running.slice(1) : []) {
    const floorFunctions = running[0]!.functions;
    const grown = [...new Set([...server.functions.keys(), ...floorFunctions.keys()])]
      .map((fn) => ({ fn, us: ((server.functions.get(fn) ?? 0) - (floorFunctions.get(fn) ?? 0)) / 1000 / extraChunks }))
      .sort((a, b) => b.us - a.us)
      .slice(0, top);
    console.log(`\n${server.id} - ${floor}, by the innermost JS function (µs per paced chunk):`);
    for (const { fn, us } of grown) console.log(`  ${fmt(us, 2).padStart(6)}  ${fn}`);
  }
}

await main();
