/**
 * `npm run bench`: every scenario of bench/scenarios.ts side by side in one run against a
 * loopback mock upstream (DESIGN section 9), printed and written to docs/benchmarks.md.
 *
 * Phases, in order: start servers (Node processes, and workerd for the Worker scenarios), probe,
 * warm up, latency (c=1), first streamed chunk, throughput (c=16, 64), CPU per stream chunk,
 * 64-chunk burst streams (time, CPU per stream, upstream connections), memory per open stream
 * (fresh processes; Node only), Worker bundle size. Every loop is bounded by a count or a
 * deadline.
 *
 * Besides docs/benchmarks.md, a full run saves its results as JSON (bench/results/, or `--out`);
 * `--before <file>` prints such an earlier run beside this one, and `tsx bench/report.ts <after>
 * --before <before>` renders two saved runs without measuring again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildServers } from './build-servers';
import { measureWorkerBundle } from './bundle-size';
import { CLUSTER_WORKERS, FULL_CLUSTER, SMOKE_CLUSTER, measureCluster } from './cluster';
import { canPin, cleanUpChildrenOnExit, pinSelf, type ServerChild } from './children';
import { closedLoop, exchange, keepAliveAgent, openStreams, sequential, type Endpoint, type LoopResult } from './load-generator';
import { machineCpuUs } from './host-load';
import { describeMachine } from './machine';
import { eventParseCost } from './event-parse-cost';
import { wakeRoundTripUs } from './wake-cost';
import { MockUpstream, QUICK_STREAM } from './mock-upstream';
import { renderReport } from './report';
import { loadReport, saveReport, type RunReport, type ScenarioResult, type Settings, type Throughput, type WorkerdInfo } from './results';
import { CPU_STREAM_SHAPE, REQUEST_BYTES, SCENARIOS, requestBody, runtimeOf, type Scenario, type ServerKind } from './scenarios';
import { fmt, median, summarize } from './stats';
import { endpoint, proxyEnv, serverFactory } from './servers';
import { isolateCpuCheck, workerdUnavailable, workerdVersion } from './workerd';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = dirname(BENCH_DIR);

/**
 * `--smoke`: every phase of every scenario once, with a handful of requests, and nothing written;
 * a failed probe fails the run. npm test runs it so that the bench cannot rot between runs.
 */
const SMOKE = process.argv.includes('--smoke');
/** The value after `--name` on the command line. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a path`);
  return value;
}
/**
 * `--out <file>`: where the run's results go as JSON (default bench/results/<timestamp>.json,
 * ignored by git; a smoke run writes only when given one). `--before <file>`: an earlier run's
 * saved results, printed beside this run's figures.
 */
const OUT = option('--out');
const BEFORE = option('--before');
/**
 * `--only X,Pu`: just those scenarios (ids as in bench/scenarios.ts), for a quick comparison while
 * working: the others, the cluster and the bundle are skipped, and docs/benchmarks.md is left alone.
 */
const ONLY = option('--only')?.split(',');
const size = (full: number, smoke: number): number => (SMOKE ? smoke : full);

// Sizes of each phase, chosen so a full run stays within a few minutes on two cores.
const WARMUP_REQUESTS = size(500, 10);
const LATENCY_ROUNDS = size(10, 1);
const LATENCY_PER_ROUND = size(200, 5); // 2,000 samples per scenario
const FIRST_CHUNK_ROUNDS = size(5, 1);
const FIRST_CHUNK_PER_ROUND = size(100, 3); // 500 samples
const FIRST_CHUNK_GAP_MS = 1;
const CONCURRENCIES = [16, 64] as const;
const THROUGHPUT_WARMUP_MS = size(500, 50);
const THROUGHPUT_TRIALS = size(5, 1);
const THROUGHPUT_TRIAL_MS = size(800, 100);
/** CPU used by processes outside the bench, % of one core, above which a trial is called disturbed */
const FOREIGN_CPU_WARN_PCT = 15;
const CPU_STREAMS = size(64, 4);
const CPU_CONCURRENCY = CPU_STREAM_SHAPE.inFlight;
const CPU_CHUNKS = CPU_STREAM_SHAPE.chunks;
const CPU_TRIALS = size(3, 1);
const CPU_INTERVAL_MS = CPU_STREAM_SHAPE.intervalMs;
/** the design's "64-chunk burst stream": the mock writes its chunks back to back */
const BURST_CHUNKS = 64;
const BURST_ROUNDS = size(5, 1);
const BURST_PER_ROUND = size(40, 3); // 200 streams per scenario
/** connection reuse: sequential streams whose body ends REUSE_GAP_MS after the last event */
const REUSE_STREAMS = size(50, 3);
const REUSE_GAP_MS = 1;
const MEMORY_STREAMS = size(1_000, 10);
const MEMORY_BATCH = size(100, 10);
const MEMORY_WARMUP = size(300, 10);
const MEMORY_INTERVAL_MS = 500;
/** long enough for every open stream to have passed two chunks through */
const MEMORY_SETTLE_MS = size(1_100, 100);
const MEMORY_LOOK_GAP_MS = size(500, 50);
const MEMORY_CAP_CHUNKS = 120; // safety: a held stream ends by itself after a minute

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** a deadline that does not keep the process alive once the race it is in is decided */
const deadline = (ms: number): Promise<undefined> => new Promise((resolve) => setTimeout(resolve, ms, undefined).unref());

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Why a scenario cannot be measured (its probe failed), or undefined when it works. */
async function probe(scenario: Scenario, port: number): Promise<string | undefined> {
  const agent = keepAliveAgent(1);
  try {
    const answer = await exchange(agent, endpoint(scenario, port, false), { keepBody: true });
    if (answer.status !== 200) return `probe got HTTP ${answer.status}: ${(answer.body ?? '').slice(0, 200)}`;
    try {
      JSON.parse(answer.body ?? '');
    } catch {
      return `probe answer is not JSON: ${(answer.body ?? '').slice(0, 200)}`;
    }
    const streamed = await exchange(agent, endpoint(scenario, port, true), { keepBody: true });
    if (streamed.status !== 200) return `streamed probe got HTTP ${streamed.status}: ${(streamed.body ?? '').slice(0, 200)}`;
    if (!(streamed.body ?? '').includes(scenario.streamEnd))
      return `streamed probe did not end with ${scenario.streamEnd}: ${(streamed.body ?? '').slice(-200)}`;
    return undefined;
  } catch (error) {
    return `probe failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    agent.destroy();
  }
}

function noteErrors(warnings: string[], what: string, result: LoopResult): void {
  if (result.errors > 0) warnings.push(`${what}: ${result.errors} failed requests (first: ${result.firstError ?? '?'})`);
}

async function main(): Promise<void> {
  const started = performance.now();
  // Read first: a wrong path fails now, not after the run.
  const before = BEFORE === undefined ? undefined : loadReport(BEFORE);
  cleanUpChildrenOnExit();
  const pinned = canPin() && pinSelf(0);
  const warnings: string[] = [];
  const foreignByPhase: Record<string, number> = {};
  const stealByPhase: Record<string, number> = {};
  /** failed samples, once per kind (not once per request) */
  const failures = new Set<string>();
  if (!pinned) warnings.push('processes are not pinned to cores (taskset missing or one core)');

  log('building the Node servers as npm run build does');
  const built = await buildServers(BENCH_DIR);
  const mock = await MockUpstream.start();
  const servers = serverFactory(mock, pinned ? 1 : undefined, built);
  const children = new Map<ServerKind, ServerChild>();
  try {
    // --- start every server a scenario needs, in parallel (each is its own process). Without a
    // workerd binary the Worker scenarios are skipped, saying why; a server that fails to start
    // leaves its scenarios "not measured" (and fails a smoke run).
    const noWorkerd = workerdUnavailable();
    const skipped = new Map<Scenario, string>();
    if (noWorkerd) {
      for (const s of SCENARIOS) if (runtimeOf(s) === 'workerd') skipped.set(s, `skipped: ${noWorkerd}`);
      log(`Worker scenarios skipped: ${noWorkerd}`);
    }
    if (ONLY) {
      const unknown = ONLY.filter((id) => !SCENARIOS.some((s) => s.id === id));
      if (unknown.length > 0) throw new Error(`--only: no scenario ${unknown.join(', ')}`);
      for (const s of SCENARIOS) if (!ONLY.includes(s.id)) skipped.set(s, 'skipped: not in --only');
    }
    const kinds = [...new Set(SCENARIOS.filter((s) => !skipped.has(s)).map((s) => s.server))].filter(
      (k): k is Exclude<ServerKind, 'mock'> => k !== 'mock',
    );
    log(`starting ${kinds.join(', ')} (mock upstream on :${mock.port})`);
    // Whether workerd reports the isolate's own CPU time (a tail worker's events), in a process
    // of its own, checked while the servers start.
    const x = SCENARIOS.find((scenario) => scenario.id === 'X')!;
    const workerdMeasured = SCENARIOS.some((s) => runtimeOf(s) === 'workerd' && !skipped.has(s));
    const isolateCpu = !workerdMeasured
      ? Promise.resolve(undefined)
      : isolateCpuCheck(`http://127.0.0.1:${mock.port}`, x.path, requestBody(x.model, false)).then(
          (check) => check.detail,
          (error: unknown) => `not reportable: the check failed (${error instanceof Error ? error.message : String(error)})`,
        );
    const startFailures = new Map<ServerKind, string>();
    await Promise.all(
      kinds.map(async (kind) => {
        try {
          children.set(kind, await servers.start(kind));
        } catch (error) {
          startFailures.set(kind, `server did not start: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
    const checked = await isolateCpu;
    const workerd: WorkerdInfo = noWorkerd
      ? { unavailable: noWorkerd }
      : { ...(workerdVersion() ? { version: workerdVersion()! } : {}), ...(checked ? { isolateCpu: checked } : {}) };
    if (checked) log(`workerd isolate CPU: ${checked}`);
    const portOf = (s: Scenario): number => (s.server === 'mock' ? mock.port : children.get(s.server)!.port);
    const childOf = (r: ScenarioResult): ServerChild | undefined =>
      r.scenario.server === 'mock' ? undefined : children.get(r.scenario.server);

    // CPU of the bench and its servers, to tell what the rest of the machine used meanwhile.
    const ownCpuUs = async (): Promise<number> => {
      const mine = process.cpuUsage();
      let us = mine.user + mine.system;
      for (const child of children.values()) us += (await child.stats()).cpuUs;
      return us;
    };
    /** Run a phase and record how much CPU processes outside the bench took during it. */
    const watched = async (phase: string, run: () => Promise<void>): Promise<void> => {
      const machineBefore = machineCpuUs();
      const ownBefore = await ownCpuUs();
      const start = performance.now();
      await run();
      const seconds = (performance.now() - start) / 1000;
      const machineAfter = machineCpuUs();
      const ownAfter = await ownCpuUs();
      if (machineBefore === undefined || machineAfter === undefined) return;
      const ofACore = (us: number): number => Math.max(0, (us / (seconds * 1e6)) * 100);
      const pct = ofACore(machineAfter.busyUs - machineBefore.busyUs - (ownAfter - ownBefore));
      const steal = ofACore(machineAfter.stealUs - machineBefore.stealUs);
      foreignByPhase[phase] = pct;
      stealByPhase[phase] = steal;
      if (pct > FOREIGN_CPU_WARN_PCT) {
        warnings.push(`${phase}: CPU outside the bench was ${fmt(pct, 0)}% of a core on average (the host's steal: ${fmt(steal, 0)}%)`);
      }
    };

    // --- probe: which scenarios work in this tree
    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      const reason =
        skipped.get(scenario) ??
        (scenario.server === 'mock' ? undefined : startFailures.get(scenario.server)) ??
        (await probe(scenario, portOf(scenario)));
      results.push({ scenario, throughput: [], ...(reason ? { notMeasured: reason } : {}) });
      log(`${scenario.id}: ${reason ? `not measured (${reason.slice(0, 120)})` : 'ok'}`);
    }
    const measured = results.filter((r) => r.notMeasured === undefined);
    const broken = results.filter((r) => r.notMeasured !== undefined && !skipped.has(r.scenario));
    if (SMOKE && broken.length > 0) {
      throw new Error(`scenarios that no longer work: ${broken.map((r) => `${r.scenario.id} (${r.notMeasured})`).join('; ')}`);
    }
    const plain = (r: ScenarioResult): Endpoint => endpoint(r.scenario, portOf(r.scenario), false);
    const streamed = (r: ScenarioResult): Endpoint => endpoint(r.scenario, portOf(r.scenario), true);

    // --- warm up: JIT every path (plain, streamed, concurrent) before anything is recorded
    log('warming up');
    for (const r of measured) {
      noteErrors(warnings, `${r.scenario.id} warm-up`, await closedLoop(plain(r), 1, { total: WARMUP_REQUESTS }));
      noteErrors(warnings, `${r.scenario.id} warm-up (streams)`, await closedLoop(streamed(r), 1, { total: WARMUP_REQUESTS / 5 }));
      noteErrors(warnings, `${r.scenario.id} warm-up (c16)`, await closedLoop(plain(r), 16, { total: WARMUP_REQUESTS }));
    }

    const wakeUs = await wakeRoundTripUs(pinned, SMOKE);
    log(
      `a byte's round trip between ${pinned ? 'cores 0 and 1' : 'two processes not pinned to cores'} (two wake-ups): ${fmt(wakeUs, 1)} µs`,
    );

    // --- latency at concurrency 1, interleaved in rounds
    log(`latency: ${LATENCY_ROUNDS * LATENCY_PER_ROUND} requests per scenario`);
    await watched('latency', async () => {
      const agent = keepAliveAgent(1);
      const samples = new Map<ScenarioResult, number[]>(measured.map((r) => [r, []]));
      for (let round = 0; round < LATENCY_ROUNDS; round++) {
        for (const r of measured) {
          for (const x of await sequential(agent, plain(r), LATENCY_PER_ROUND)) {
            if (x.status === 200) samples.get(r)!.push(x.ms);
            else failures.add(`${r.scenario.id} latency: HTTP ${x.status}`);
          }
        }
      }
      agent.destroy();
      for (const r of measured) r.latency = summarize(samples.get(r)!);
    });

    // --- time to the first streamed chunk, concurrency 1, interleaved. The mock sends its first
    // event with the headers and the next one FIRST_CHUNK_GAP_MS later, so the first bytes the
    // client sees are the first chunk alone, not a whole short stream.
    log(`first chunk: ${FIRST_CHUNK_ROUNDS * FIRST_CHUNK_PER_ROUND} streams per scenario`);
    await watched('first chunk', async () => {
      mock.mode = { contentChunks: 1, intervalMs: FIRST_CHUNK_GAP_MS, hold: false };
      const agent = keepAliveAgent(1);
      const samples = new Map<ScenarioResult, number[]>(measured.map((r) => [r, []]));
      for (let round = 0; round < FIRST_CHUNK_ROUNDS; round++) {
        for (const r of measured) {
          for (const x of await sequential(agent, streamed(r), FIRST_CHUNK_PER_ROUND)) {
            if (x.status === 200 && x.firstByteMs >= 0) samples.get(r)!.push(x.firstByteMs);
            else failures.add(`${r.scenario.id} first chunk: HTTP ${x.status}`);
          }
        }
      }
      agent.destroy();
      for (const r of measured) r.firstChunk = summarize(samples.get(r)!);
      mock.mode = QUICK_STREAM;
    });

    // --- throughput: closed loop at each concurrency, in short trials interleaved across
    // scenarios; the median trial is reported. On a VM the host steals the cores now and then,
    // and interleaving spreads that over every scenario instead of ruining one.
    for (const concurrency of CONCURRENCIES) {
      log(`throughput at concurrency ${concurrency}: ${THROUGHPUT_TRIALS} trials of ${THROUGHPUT_TRIAL_MS} ms per scenario`);
      for (const r of measured) await closedLoop(plain(r), concurrency, { ms: THROUGHPUT_WARMUP_MS });
      const trials = new Map<ScenarioResult, { run: LoopResult; serverUs?: number; benchUs: number; foreignUs?: number }[]>(
        measured.map((r) => [r, []]),
      );
      for (let trial = 0; trial < THROUGHPUT_TRIALS; trial++) {
        for (const r of measured) {
          const child = childOf(r);
          const serverBefore = await child?.stats();
          const machineBefore = machineCpuUs()?.busyUs;
          const benchBefore = process.cpuUsage();
          const run = await closedLoop(plain(r), concurrency, { ms: THROUGHPUT_TRIAL_MS });
          const bench = process.cpuUsage(benchBefore);
          const machineAfter = machineCpuUs()?.busyUs;
          const serverAfter = await child?.stats();
          noteErrors(warnings, `${r.scenario.id} throughput c${concurrency} trial ${trial + 1}`, run);
          const benchUs = bench.user + bench.system;
          const serverUs = serverBefore && serverAfter ? serverAfter.cpuUs - serverBefore.cpuUs : undefined;
          const foreignUs =
            machineBefore === undefined || machineAfter === undefined
              ? undefined
              : machineAfter - machineBefore - benchUs - (serverUs ?? 0);
          trials.get(r)!.push({
            run,
            benchUs,
            ...(serverUs === undefined ? {} : { serverUs }),
            ...(foreignUs === undefined ? {} : { foreignUs }),
          });
        }
      }
      for (const r of measured) {
        const all = trials.get(r)!;
        const pct = (us: number, seconds: number): number => (us / (seconds * 1e6)) * 100;
        const foreignOf = (t: (typeof all)[number]): number | undefined =>
          t.foreignUs === undefined ? undefined : Math.max(0, pct(t.foreignUs, t.run.seconds));
        // Trials that CPU use outside the bench disturbed are left out of the figures when at least two
        // undisturbed ones remain; the trials table shows them all.
        const undisturbed = all.filter((t) => (foreignOf(t) ?? 0) <= FOREIGN_CPU_WARN_PCT);
        const runs = undisturbed.length >= 2 ? undisturbed : all;
        const rps = runs.map((t) => t.run.completed / t.run.seconds);
        const serverPct = runs.flatMap((t) => (t.serverUs === undefined ? [] : [pct(t.serverUs, t.run.seconds)]));
        const serverUs = runs.reduce((sum, t) => sum + (t.serverUs ?? 0), 0);
        const completed = runs.reduce((sum, t) => sum + t.run.completed, 0);
        const errors = all.reduce((sum, t) => sum + t.run.errors, 0);
        const firstError = all.find((t) => t.run.firstError)?.run.firstError;
        const benchCpuPct = median(runs.map((t) => pct(t.benchUs, t.run.seconds)));
        const foreign = all.flatMap((t) => {
          const f = foreignOf(t);
          return f === undefined ? [] : [f];
        });
        const result: Throughput = {
          concurrency,
          rps: median(rps),
          trials: all.map((t) => t.run.completed / t.run.seconds),
          used: all.map((t) => runs.includes(t)),
          errors,
          ...(firstError ? { firstError } : {}),
          ...(serverPct.length ? { serverCpuPct: median(serverPct), serverUsPerRequest: serverUs / Math.max(1, completed) } : {}),
          benchCpuPct,
          ...(foreign.length ? { foreignCpuPct: foreign } : {}),
        };
        r.throughput.push(result);
        const disturbed = all.length - undisturbed.length;
        if (disturbed > 0) {
          warnings.push(
            `${r.scenario.id} c${concurrency}: CPU outside the bench was > ${FOREIGN_CPU_WARN_PCT}% of a core in ${disturbed} of ${all.length} trials` +
              (runs === undisturbed ? ' (left out of the figures)' : ' (too few undisturbed trials: all used)'),
          );
        }
        if (r.scenario.server !== 'mock' && benchCpuPct > 90) {
          warnings.push(
            `${r.scenario.id} c${concurrency}: the bench process used ${fmt(benchCpuPct, 0)}% of its core; the load generator may be the limit`,
          );
        }
        if (result.serverCpuPct !== undefined && result.serverCpuPct < 80) {
          warnings.push(
            `${r.scenario.id} c${concurrency}: the server used only ${fmt(result.serverCpuPct, 0)}% of its core (median trial), so this req/s is below its maximum`,
          );
        }
        const spread = (Math.max(...rps) - Math.min(...rps)) / median(rps);
        if (spread > 0.3) {
          warnings.push(
            `${r.scenario.id} c${concurrency}: trials ranged ${fmt(Math.min(...rps), 0)}-${fmt(Math.max(...rps), 0)} req/s (noisy)`,
          );
        }
      }
    }

    // --- CPU per streamed chunk: long streams minus short streams, same count, so the cost of
    // setting up a request cancels out. Paced (each chunk its own read) and burst; CPU_TRIALS
    // trials interleaved across scenarios, median reported (the paced figure moves with the VM's
    // wake-up costs).
    await watched('CPU per chunk', async () => {
      const streamers = measured.flatMap((r) => {
        const child = childOf(r);
        return child ? [{ r, child }] : [];
      });
      log(`CPU per chunk: ${streamers.map(({ r }) => r.scenario.id).join(', ')}, ${CPU_TRIALS} trials`);
      const cpuFor = async (
        { r, child }: { r: ScenarioResult; child: ServerChild },
        contentChunks: number,
        intervalMs: number,
      ): Promise<{ total: number; user: number }> => {
        mock.mode = { contentChunks, intervalMs, hold: false };
        const before = await child.stats();
        const run = await closedLoop(streamed(r), CPU_CONCURRENCY, { total: CPU_STREAMS });
        const after = await child.stats();
        noteErrors(warnings, `${r.scenario.id} CPU run (${contentChunks} chunks)`, run);
        return { total: after.cpuUs - before.cpuUs, user: after.userUs - before.userUs };
      };
      const extraChunks = CPU_STREAMS * (CPU_CHUNKS[1] - CPU_CHUNKS[0]);
      const perChunk = (long: number, short: number): number => (long - short) / extraChunks;
      // User time counted in clock ticks (workerd) is off by up to a tick at each of four
      // readings: a figure whose rounding is over a tenth of the total is not shown.
      const tickOf = async (child: ServerChild): Promise<number> => (await child.stats()).userTickUs ?? 0;
      const userPerChunk = (long: number, short: number, total: number, tickUs: number): number =>
        (4 * tickUs) / extraChunks > Math.abs(total) / 10 ? Number.NaN : perChunk(long, short);
      const trials = new Map<ScenarioResult, { paced: number[]; pacedUser: number[]; burst: number[] }>();
      for (const s of streamers) {
        await cpuFor(s, CPU_CHUNKS[0], CPU_INTERVAL_MS); // warm the paced path
        trials.set(s.r, { paced: [], pacedUser: [], burst: [] });
      }
      for (let trial = 0; trial < CPU_TRIALS; trial++) {
        for (const s of streamers) {
          const t = trials.get(s.r)!;
          const short = await cpuFor(s, CPU_CHUNKS[0], CPU_INTERVAL_MS);
          const long = await cpuFor(s, CPU_CHUNKS[1], CPU_INTERVAL_MS);
          const burstShort = await cpuFor(s, CPU_CHUNKS[0], 0);
          const burstLong = await cpuFor(s, CPU_CHUNKS[1], 0);
          t.paced.push(perChunk(long.total, short.total));
          t.pacedUser.push(userPerChunk(long.user, short.user, perChunk(long.total, short.total), await tickOf(s.child)));
          t.burst.push(perChunk(burstLong.total, burstShort.total));
        }
      }
      for (const [r, t] of trials) r.cpuPerChunk = { paced: median(t.paced), pacedUser: median(t.pacedUser), burst: median(t.burst) };
    });
    mock.mode = QUICK_STREAM;
    const {
      hot: eventParseUs,
      afterWait: eventParseAfterWaitUs,
      afterBusy: eventParseAfterBusyUs,
    } = await eventParseCost(SMOKE, CPU_INTERVAL_MS);
    const byFormat = (us: Record<string, number>): string =>
      Object.entries(us)
        .map(([format, x]) => `${format} ${fmt(x, 2)} µs`)
        .join(', ');
    log(
      `JSON.parse of one content event: ${byFormat(eventParseUs)}; after a ${CPU_INTERVAL_MS} ms wait: ${byFormat(eventParseAfterWaitUs)}; after ${CPU_INTERVAL_MS} ms busy: ${byFormat(eventParseAfterBusyUs)}`,
    );

    // --- burst streams: BURST_CHUNKS chunks written back to back, sequential (concurrency 1),
    // interleaved in rounds: the whole stream's time, the server's CPU per stream (for workerd
    // the process's, from /proc), and how many upstream connections the mock saw for them (a
    // proxy that releases each stream's connection to its pool opens one, not one per stream).
    log(`burst streams: ${BURST_ROUNDS * BURST_PER_ROUND} sequential streams of ${BURST_CHUNKS} chunks per scenario`);
    await watched('burst streams', async () => {
      mock.mode = { contentChunks: BURST_CHUNKS, intervalMs: 0, hold: false };
      const agent = keepAliveAgent(1);
      const acc = new Map(measured.map((r) => [r, { ms: [] as number[], cpuUs: 0, userUs: 0, tickUs: 0, connections: 0, streams: 0 }]));
      for (const r of measured) await sequential(agent, streamed(r), 2); // warm the 64-chunk path
      for (let round = 0; round < BURST_ROUNDS; round++) {
        for (const r of measured) {
          const a = acc.get(r)!;
          const child = childOf(r);
          const before = await child?.stats();
          const connections = mock.connections;
          const runs = await sequential(agent, streamed(r), BURST_PER_ROUND);
          a.connections += mock.connections - connections;
          const after = await child?.stats();
          if (before && after) {
            a.cpuUs += after.cpuUs - before.cpuUs;
            a.userUs += after.userUs - before.userUs;
            a.tickUs = after.userTickUs ?? 0;
          }
          for (const x of runs) {
            if (x.status === 200) a.ms.push(x.ms);
            else failures.add(`${r.scenario.id} burst stream: HTTP ${x.status}`);
          }
          a.streams += runs.length;
        }
      }
      agent.destroy();
      for (const [r, a] of acc) {
        const server = childOf(r) !== undefined;
        r.burst = {
          streams: a.streams,
          chunks: BURST_CHUNKS,
          total: summarize(a.ms),
          upstreamConnections: a.connections,
          ...(server
            ? {
                cpuUsPerStream: a.cpuUs / Math.max(1, a.streams),
                // counted in ticks (workerd): shown only when two ticks per round round off under a tenth
                userUsPerStream:
                  (2 * a.tickUs * BURST_ROUNDS) / Math.max(1, a.streams) > a.cpuUs / Math.max(1, a.streams) / 10
                    ? Number.NaN
                    : a.userUs / Math.max(1, a.streams),
              }
            : {}),
        };
      }
    });
    mock.mode = QUICK_STREAM;

    // --- upstream connection reuse: as the burst streams count, but the mock ends each body
    // REUSE_GAP_MS after its last event, as a real upstream may; a server that stops reading at
    // the last event and cancels the body loses the connection then, and opens one per stream.
    log(`connection reuse: ${REUSE_STREAMS} sequential streams per scenario, each body ending ${REUSE_GAP_MS} ms after its last event`);
    await watched('connection reuse', async () => {
      mock.mode = { ...QUICK_STREAM, endGapMs: REUSE_GAP_MS };
      const agent = keepAliveAgent(1);
      for (const r of measured) {
        await sequential(agent, streamed(r), 1); // a connection in the pool (or lost) before counting
        const before = mock.connections;
        const runs = await sequential(agent, streamed(r), REUSE_STREAMS);
        const connections = mock.connections - before;
        for (const x of runs) if (x.status !== 200) failures.add(`${r.scenario.id} connection reuse: HTTP ${x.status}`);
        r.reuse = { streams: runs.length, endGapMs: REUSE_GAP_MS, connections };
        log(`${r.scenario.id}: ${connections} upstream connections for ${runs.length} sequential streams`);
      }
      agent.destroy();
    });
    mock.mode = QUICK_STREAM;

    // The long-lived servers are done: stop them so the memory test has core 1 to itself.
    await Promise.all([...children.values()].map((child) => child.stop()));
    children.clear();

    // --- memory per open stream: a fresh server per scenario, so earlier runs do not inflate RSS
    for (const r of measured) {
      // workerd: no forced GC from outside, and no JS heap figures; not measured (see the report).
      if (r.scenario.server === 'mock' || runtimeOf(r.scenario) === 'workerd') continue;
      log(`memory: ${MEMORY_STREAMS} open streams through ${r.scenario.id}`);
      const child = await servers.start(r.scenario.server);
      children.set(r.scenario.server, child);
      const ep = (stream: boolean): Endpoint => endpoint(r.scenario, child.port, stream);
      mock.mode = QUICK_STREAM;
      noteErrors(warnings, `${r.scenario.id} memory warm-up`, await closedLoop(ep(false), 8, { total: MEMORY_WARMUP }));
      noteErrors(warnings, `${r.scenario.id} memory warm-up (streams)`, await closedLoop(ep(true), 8, { total: MEMORY_WARMUP / 3 }));
      const base = await child.stats(true);
      mock.mode = { contentChunks: MEMORY_CAP_CHUNKS, intervalMs: MEMORY_INTERVAL_MS, hold: true };
      const streams = await openStreams(ep(true), MEMORY_STREAMS, MEMORY_BATCH);
      await sleep(MEMORY_SETTLE_MS);
      // RSS after a GC still moves by a few MiB from one look to the next (V8 resizing its young
      // generation, allocator pages): the median of three looks, MEMORY_LOOK_GAP_MS apart.
      const looks = [await child.stats(true)];
      for (let i = 1; i < 3; i++) {
        await sleep(MEMORY_LOOK_GAP_MS);
        looks.push(await child.stats(true));
      }
      const rss = median(looks.map((l) => l.rss));
      const js = median(looks.map((l) => l.heapUsed + l.external));
      const held = mock.openStreams;
      mock.release();
      mock.mode = QUICK_STREAM;
      const ended = await Promise.race([streams.ended, deadline(20_000)]);
      await child.stop();
      children.delete(r.scenario.server);
      if (streams.opened < MEMORY_STREAMS || held < MEMORY_STREAMS) {
        warnings.push(`${r.scenario.id} memory: only ${streams.opened} streams opened, ${held} held open upstream`);
      }
      if (!ended) warnings.push(`${r.scenario.id} memory: streams did not all end within 20 s of release`);
      else if (ended.errors > 0) warnings.push(`${r.scenario.id} memory: ${ended.errors} streams failed`);
      const n = Math.max(1, streams.opened);
      r.memory = {
        streams: streams.opened,
        rssBaseMiB: base.rss / 2 ** 20,
        rssPerStreamKiB: (rss - base.rss) / n / 1024,
        jsPerStreamKiB: (js - base.heapUsed - base.external) / n / 1024,
      };
    }

    // --- NODE_WORKERS: the Node entry as one process and as a cluster of two
    log(`cluster: NODE_WORKERS=${CLUSTER_WORKERS.join(' and ')}`);
    const cluster = ONLY
      ? []
      : await measureCluster(
          SMOKE ? SMOKE_CLUSTER : FULL_CLUSTER,
          built.node,
          REPO_ROOT,
          proxyEnv(mock),
          (port) => endpoint(x, port, false),
          pinned ? `0-${cpus().length - 1}` : undefined,
        );
    for (const c of cluster) if (c.errors > 0) warnings.push(`cluster of ${c.workers}: ${c.errors} failed requests`);

    warnings.push(...[...failures].map((f) => `failed samples: ${f}`));

    // --- Worker bundle
    log('Worker bundle: wrangler deploy --dry-run');
    const bundle =
      SMOKE || ONLY ? ({ measured: false, reason: SMOKE ? 'smoke run' : 'not in --only' } as const) : measureWorkerBundle(REPO_ROOT);

    for (const r of measured) {
      if (r.scenario.id !== 'D' && r.latency && measured[0]?.latency && r.latency.p50 < measured[0].latency.p50) {
        warnings.push(`${r.scenario.id}: p50 below D's; the latency numbers are within noise`);
      }
    }

    const settings: Settings = {
      warmupRequests: WARMUP_REQUESTS,
      latencySamples: LATENCY_ROUNDS * LATENCY_PER_ROUND,
      firstChunkSamples: FIRST_CHUNK_ROUNDS * FIRST_CHUNK_PER_ROUND,
      throughputTrials: THROUGHPUT_TRIALS,
      throughputTrialSeconds: THROUGHPUT_TRIAL_MS / 1000,
      concurrencies: CONCURRENCIES,
      cpuStreams: CPU_STREAMS,
      cpuTrials: CPU_TRIALS,
      cpuChunks: CPU_CHUNKS,
      cpuIntervalMs: CPU_INTERVAL_MS,
      firstChunkGapMs: FIRST_CHUNK_GAP_MS,
      burstStreams: BURST_ROUNDS * BURST_PER_ROUND,
      burstChunks: BURST_CHUNKS,
      memoryStreams: MEMORY_STREAMS,
      memoryIntervalMs: MEMORY_INTERVAL_MS,
      requestBytes: REQUEST_BYTES,
      foreignCpuWarnPct: FOREIGN_CPU_WARN_PCT,
    };
    const report: RunReport = {
      date: new Date(),
      machine: describeMachine(),
      pinned,
      seconds: (performance.now() - started) / 1000,
      settings,
      results,
      bundle,
      cluster,
      warnings,
      foreignByPhase,
      stealByPhase,
      workerd,
      eventParseUs,
      eventParseAfterWaitUs,
      eventParseAfterBusyUs,
      wakeRoundTripUs: wakeUs,
    };
    const markdown = renderReport(report, before);
    if (OUT || !SMOKE) {
      const file = OUT ?? join(BENCH_DIR, 'results', `${report.date.toISOString().replace(/[:.]/g, '-')}.json`);
      saveReport(report, file);
      log(`results saved to ${file} (print them beside a later run with --before ${file})`);
    }
    if (SMOKE) {
      for (const [s, reason] of skipped) log(`${s.id}: ${reason}`);
      log(
        `smoke run: ${measured.map((r) => r.scenario.id).join(', ')} measured in ${report.seconds.toFixed(0)} s; ${OUT ? `results in ${OUT}` : 'nothing written'}`,
      );
      return;
    }
    process.stdout.write(`${markdown}\n`);
    if (ONLY) return;
    const out = join(REPO_ROOT, 'docs', 'benchmarks.md');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, markdown);
    log(`wrote ${out} in ${report.seconds.toFixed(0)} s`);
  } finally {
    await Promise.all([...children.values()].map((child) => child.stop()));
    await mock.close();
    built.remove();
  }
}

// Exit explicitly: a keep-alive socket or timer left behind must not stretch a finished run.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
