/**
 * Renders a run as Markdown: the same text goes to stdout and to docs/benchmarks.md, so what the
 * terminal shows is what gets committed. Targets and reference figures are those of DESIGN
 * section 9; the verdicts are computed, never written by hand.
 *
 * Given an earlier run (`--before`), it adds a table of each figure before and after, so
 * docs/benchmarks.md can show both from commands of the repository. Run on its own it renders
 * saved runs without measuring: `tsx bench/report.ts <results.json> [--before <results.json>]`.
 */
import { isMainModule } from '../src/runtimes/is-main-module';
import { loadReport, type RunReport, type ScenarioResult } from './results';
import { FLOOR, runtimeOf, type Runtime } from './scenarios';
import { fmt, fmtSigned } from './stats';

type Verdict = 'pass' | 'FAIL' | 'not yet measured';

const KIB = 1024;

/** A Markdown table with padded columns, readable as plain text too. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const byId = (report: RunReport, id: string): ScenarioResult | undefined =>
  report.results.find((r) => r.scenario.id === id && r.notMeasured === undefined);

/**
 * The floor every ratio is taken against: the fastest bare pass-through of the scenario's runtime
 * (Pu on Node, else P; Pw on workerd).
 */
const BASELINE = FLOOR.node;
function floorOf(report: RunReport, runtime: Runtime = 'node'): ScenarioResult | undefined {
  return runtime === 'node' ? (byId(report, FLOOR.node) ?? byId(report, 'P')) : byId(report, FLOOR[runtime]);
}
const floorFor = (report: RunReport, result: ScenarioResult): ScenarioResult | undefined => floorOf(report, runtimeOf(result.scenario));

const rpsAt = (result: ScenarioResult | undefined, concurrency: number): number | undefined =>
  result?.throughput.find((t) => t.concurrency === concurrency)?.rps;

/** `median (min-max)` over the trials */
function rpsCell(result: ScenarioResult, concurrency: number): string {
  const t = result.throughput.find((x) => x.concurrency === concurrency);
  if (!t) return '—';
  const used = t.trials.filter((_, i) => t.used[i]);
  return `${fmt(t.rps, 0)} (${fmt(Math.min(...used), 0)}-${fmt(Math.max(...used), 0)})`;
}

function latencyTable(report: RunReport): string {
  const direct = byId(report, 'D');
  const measured = report.results.filter((r) => r.notMeasured === undefined);
  const [low, high] = [report.settings.concurrencies[0] ?? 16, report.settings.concurrencies[1] ?? 64];
  const rows = measured.map((r) => {
    const baseline = floorFor(report, r);
    const atHigh = r.throughput.find((t) => t.concurrency === high);
    const ratio = (c: number): string => {
      const mine = rpsAt(r, c);
      const base = rpsAt(baseline, c);
      return mine !== undefined && base ? fmt(mine / base) : '—';
    };
    return [
      r.scenario.id,
      r.scenario.server === 'mock' ? '—' : (baseline?.scenario.id ?? '—'),
      fmt(r.latency?.p50, 3),
      fmt(r.latency?.p99, 3),
      r.scenario.id === 'D' ? '—' : fmtSigned(r.latency && direct?.latency ? r.latency.p50 - direct.latency.p50 : undefined, 3),
      r.scenario.id === 'D' ? '—' : fmtSigned(r.latency && direct?.latency ? r.latency.p99 - direct.latency.p99 : undefined, 3),
      rpsCell(r, low),
      rpsCell(r, high),
      ratio(low),
      ratio(high),
      fmt(atHigh?.serverUsPerRequest, 0),
      atHigh?.serverCpuPct === undefined ? '—' : `${fmt(atHigh.serverCpuPct, 0)}%`,
      atHigh ? `${fmt(atHigh.benchCpuPct, 0)}%` : '—',
    ];
  });
  return table(
    [
      'scenario',
      'floor',
      'p50 ms',
      'p99 ms',
      'added p50 vs D',
      'added p99 vs D',
      `req/s c${low}`,
      `req/s c${high}`,
      `/floor c${low}`,
      `/floor c${high}`,
      `server µs/req c${high}`,
      `server CPU c${high}`,
      `bench CPU c${high}`,
    ],
    rows,
  );
}

function streamTable(report: RunReport): string {
  const direct = byId(report, 'D');
  const rows = report.results
    .filter((r) => r.notMeasured === undefined)
    .map((r) => [
      r.scenario.id,
      fmt(r.firstChunk?.p50, 3),
      fmt(r.firstChunk?.p99, 3),
      r.scenario.id === 'D' ? '—' : fmtSigned(r.firstChunk && direct?.firstChunk ? r.firstChunk.p50 - direct.firstChunk.p50 : undefined, 3),
      fmt(r.cpuPerChunk?.paced, 1),
      fmt(r.cpuPerChunk?.pacedUser, 1),
      r === floorFor(report, r) ? '—' : fmtSigned(addedCpu(r, floorFor(report, r)), 1),
      fmt(r.cpuPerChunk?.burst, 1),
      fmt(r.memory?.rssPerStreamKiB, 1),
      fmt(r.memory?.jsPerStreamKiB, 1),
      fmt(r.memory?.rssBaseMiB, 0),
    ]);
  return table(
    [
      'scenario',
      'first chunk p50 ms',
      'first chunk p99 ms',
      'added p50 vs D',
      'CPU µs/chunk',
      'of which user',
      'CPU added vs floor',
      'CPU µs/chunk burst',
      'RSS KiB/open stream',
      'heap+ext KiB/stream',
      'RSS idle MiB',
    ],
    rows,
  );
}

/** CPU per paced chunk on top of the bare pass-through: what the scenario's own code costs per chunk. */
function addedCpu(result: ScenarioResult, baseline: ScenarioResult | undefined): number | undefined {
  return result.cpuPerChunk && baseline?.cpuPerChunk ? result.cpuPerChunk.paced - baseline.cpuPerChunk.paced : undefined;
}

/** The 64-chunk burst streams: whole-stream time, CPU per stream, upstream connections. */
function burstTable(report: RunReport): string {
  const rows = report.results
    .filter((r) => r.notMeasured === undefined && r.burst)
    .map((r) => {
      const b = r.burst!;
      const floor = floorFor(report, r);
      const isFloor = r === floor || r.scenario.server === 'mock';
      return [
        r.scenario.id,
        fmt(b.total.p50, 3),
        fmt(b.total.p99, 3),
        isFloor ? '—' : fmtSigned(floor?.burst ? b.total.p50 - floor.burst.total.p50 : undefined, 3),
        fmt(b.cpuUsPerStream, 0),
        fmt(b.userUsPerStream, 0),
        isFloor ? '—' : fmtSigned(b.cpuUsPerStream !== undefined ? b.cpuUsPerStream - (floor?.burst?.cpuUsPerStream ?? NaN) : undefined, 0),
        `${b.upstreamConnections} / ${b.streams}`,
        r.reuse ? `${r.reuse.connections} / ${r.reuse.streams}` : '—',
      ];
    });
  return table(
    [
      'scenario',
      'stream p50 ms',
      'stream p99 ms',
      'added p50 vs floor',
      'server CPU µs/stream',
      'of which user',
      'CPU added vs floor',
      'upstream connections / streams',
      `the same, body ends ${report.results.find((r) => r.reuse)?.reuse?.endGapMs ?? 1} ms after the last event`,
    ],
    rows,
  );
}

/** One figure of a scenario, for the before/after table. */
interface Figure {
  readonly name: string;
  readonly digits: number;
  readonly get: (r: ScenarioResult) => number | undefined;
}

const FIGURES: readonly Figure[] = [
  { name: 'p50 ms', digits: 3, get: (r) => r.latency?.p50 },
  { name: 'req/s c16', digits: 0, get: (r) => rpsAt(r, 16) },
  { name: 'req/s c64', digits: 0, get: (r) => rpsAt(r, 64) },
  { name: 'server µs/req c64', digits: 0, get: (r) => r.throughput.find((t) => t.concurrency === 64)?.serverUsPerRequest },
  { name: 'first chunk p50 ms', digits: 3, get: (r) => r.firstChunk?.p50 },
  { name: 'CPU µs/chunk', digits: 1, get: (r) => r.cpuPerChunk?.paced },
  { name: 'CPU µs/chunk burst', digits: 1, get: (r) => r.cpuPerChunk?.burst },
  { name: '64-chunk stream p50 ms', digits: 3, get: (r) => r.burst?.total.p50 },
  { name: 'CPU µs/stream', digits: 0, get: (r) => r.burst?.cpuUsPerStream },
  { name: 'upstream conns (end gap)', digits: 0, get: (r) => r.reuse?.connections },
  { name: 'heap+ext KiB/stream', digits: 1, get: (r) => r.memory?.jsPerStreamKiB },
  { name: 'RSS KiB/stream', digits: 1, get: (r) => r.memory?.rssPerStreamKiB },
];

/**
 * Each figure of this run beside the same figure of an earlier one: `before → after`, a row per
 * scenario of either run. Scenarios are matched by id.
 */
export function beforeAfterTable(after: RunReport, before: RunReport): string {
  const ids = [...new Set([...before.results, ...after.results].map((r) => r.scenario.id))];
  const find = (report: RunReport, id: string): ScenarioResult | undefined => report.results.find((r) => r.scenario.id === id);
  const rows = ids.map((id) => {
    const [b, a] = [find(before, id), find(after, id)];
    return [
      id,
      ...FIGURES.map((f) => {
        const [x, y] = [b && f.get(b), a && f.get(a)];
        return `${fmt(x ?? undefined, f.digits)} → ${fmt(y ?? undefined, f.digits)}`;
      }),
    ];
  });
  return table(['scenario', ...FIGURES.map((f) => f.name)], rows);
}

function trialsTable(report: RunReport): string {
  const rows = report.results.flatMap((r) =>
    r.throughput.map((t) => [
      r.scenario.id,
      String(t.concurrency),
      t.trials.map((x, i) => `${fmt(x, 0)}${t.used[i] ? '' : '*'}`).join(', '),
      t.foreignCpuPct ? t.foreignCpuPct.map((x) => `${fmt(x, 0)}%`).join(', ') : '—',
      String(t.errors),
    ]),
  );
  return table(['scenario', 'concurrency', 'req/s per trial', 'CPU outside the bench per trial', 'errors'], rows);
}

interface TargetRow {
  readonly target: string;
  readonly measured: string;
  readonly verdict: Verdict;
}

function verdict(ok: boolean | undefined): Verdict {
  return ok === undefined ? 'not yet measured' : ok ? 'pass' : 'FAIL';
}

function targetRows(report: RunReport): TargetRow[] {
  const x = byId(report, 'X');
  const p = floorOf(report);
  const id = p?.scenario.id ?? BASELINE;
  const rows: TargetRow[] = [];
  const translated = report.results.filter((r) => r.scenario.translating && r.notMeasured === undefined);
  for (const c of report.settings.concurrencies) {
    for (const [r, floor] of [[x, 0.5], ...translated.map((t) => [t, 0.4] as const)] as const) {
      const mine = rpsAt(r, c);
      const base = rpsAt(p, c);
      const ratio = mine !== undefined && base ? mine / base : undefined;
      const name = r?.scenario.id ?? 'X';
      rows.push({
        target: `${name} reaches >= ${floor} of ${id}'s req/s at concurrency ${c}`,
        measured: ratio === undefined ? '—' : `${name}/${id} = ${fmt(ratio)} (${fmt(mine, 0)} / ${fmt(base, 0)} req/s)`,
        verdict: verdict(ratio === undefined ? undefined : ratio >= floor),
      });
    }
  }
  // what waking a core costs here, beside the figures taken at concurrency 1 that pay it
  const wake = report.wakeRoundTripUs === undefined ? '' : `; a wake-up round trip between the cores: ${fmt(report.wakeRoundTripUs, 1)} µs`;
  const added = x?.latency && p?.latency ? x.latency.p50 - p.latency.p50 : undefined;
  rows.push({
    target: `X adds <= 0.15 ms p50 on top of ${id} (concurrency 1)`,
    measured: added === undefined ? '—' : `X - ${id} = ${fmtSigned(added, 3)} ms p50${wake}`,
    verdict: verdict(added === undefined ? undefined : added <= 0.15),
  });
  const firstAdded = x?.firstChunk && p?.firstChunk ? x.firstChunk.p50 - p.firstChunk.p50 : undefined;
  rows.push({
    target: `X's first streamed chunk <= 0.2 ms after ${id}'s`,
    measured: firstAdded === undefined ? '—' : `X - ${id} = ${fmtSigned(firstAdded, 3)} ms p50${wake}`,
    verdict: verdict(firstAdded === undefined ? undefined : firstAdded <= 0.2),
  });
  // Every proxy scenario streams; its CPU per chunk is compared with the floor of its own runtime.
  const streaming = report.results.filter((r) => r.scenario.id === 'X' || r.scenario.id === 'Xw' || r.scenario.translating);
  for (const r of streaming) {
    const label =
      r.scenario.id === 'X'
        ? 'X (OpenAI -> OpenAI also parses, normalizes and re-encodes every chunk)'
        : r.scenario.id === 'Xw'
          ? "Xw (the proxy's Worker, OpenAI -> OpenAI)"
          : r.scenario.id;
    const floor = floorFor(report, r);
    const floorId = floor?.scenario.id ?? FLOOR[runtimeOf(r.scenario)];
    const paced = addedCpu(r, floor);
    const burst = r.cpuPerChunk && floor?.cpuPerChunk ? r.cpuPerChunk.burst - floor.cpuPerChunk.burst : undefined;
    const parse = report.eventParseUs?.[r.scenario.upstream ?? 'openai'];
    const parseAfterWait = report.eventParseAfterWaitUs?.[r.scenario.upstream ?? 'openai'];
    const parseAfterBusy = report.eventParseAfterBusyUs?.[r.scenario.upstream ?? 'openai'];
    rows.push({
      target: `<= 2 µs CPU per stream chunk on top of ${floorId}, paced and burst: ${label}`,
      measured:
        paced === undefined || burst === undefined
          ? '—'
          : `paced ${fmtSigned(paced, 1)} µs/chunk (${fmt(r.cpuPerChunk!.paced, 1)} - ${fmt(floor!.cpuPerChunk!.paced, 1)}); burst ${fmtSigned(burst, 1)}${parse === undefined ? '' : `; JSON.parse of one upstream event alone: ${fmt(parse, 2)} µs`}${parseAfterWait === undefined ? '' : `, ${fmt(parseAfterWait, 2)} µs after a ${report.settings.cpuIntervalMs} ms wait`}${parseAfterBusy === undefined ? '' : `, ${fmt(parseAfterBusy, 2)} µs after ${report.settings.cpuIntervalMs} ms busy`}`,
      verdict: verdict(paced === undefined || burst === undefined ? undefined : paced <= 2 && burst <= 2),
    });
  }
  const xw = byId(report, 'Xw');
  const pw = floorOf(report, 'workerd');
  const burstAdded = xw?.burst && pw?.burst ? xw.burst.total.p50 - pw.burst.total.p50 : undefined;
  rows.push({
    target: `under workerd, a ${report.settings.burstChunks ?? 64}-chunk burst stream within 1 ms of ${FLOOR.workerd}, the bare pass-through Worker (p50)`,
    measured:
      burstAdded === undefined
        ? '—'
        : `Xw - Pw = ${fmtSigned(burstAdded, 3)} ms (${fmt(xw!.burst!.total.p50, 3)} - ${fmt(pw!.burst!.total.p50, 3)}); process CPU per stream ${fmt(xw!.burst!.cpuUsPerStream, 0)} vs ${fmt(pw!.burst!.cpuUsPerStream, 0)} µs`,
    verdict: verdict(burstAdded === undefined ? undefined : burstAdded <= 1),
  });
  // Reading each chunk in JS costs workerd more than the whole margin above (the section on the
  // Worker's stream time): the relay, which does only that, is the floor the proxy's own work adds to.
  const rw = byId(report, 'Rw');
  const overRelay = xw?.burst && rw?.burst ? xw.burst.total.p50 - rw.burst.total.p50 : undefined;
  rows.push({
    target: `under workerd, a ${report.settings.burstChunks ?? 64}-chunk burst stream within 1 ms of Rw, the relay Worker (p50): what the proxy adds to reading the stream in JS at all`,
    measured:
      overRelay === undefined
        ? '—'
        : `Xw - Rw = ${fmtSigned(overRelay, 3)} ms (${fmt(xw!.burst!.total.p50, 3)} - ${fmt(rw!.burst!.total.p50, 3)}); process CPU per stream ${fmt(xw!.burst!.cpuUsPerStream, 0)} vs ${fmt(rw!.burst!.cpuUsPerStream, 0)} µs; Rw - Pw = ${fmtSigned(rw!.burst!.total.p50 - (pw?.burst?.total.p50 ?? Number.NaN), 3)} ms`,
    verdict: verdict(overRelay === undefined ? undefined : overRelay <= 1),
  });
  // Judged on what the open streams hold (JS heap + external after a forced GC); RSS, shown
  // beside, moves between fresh processes by more than the margin (the method, above the tables).
  for (const r of streaming.filter((x) => runtimeOf(x.scenario) === 'node')) {
    const ratio = r.memory && p?.memory ? r.memory.jsPerStreamKiB / p.memory.jsPerStreamKiB : undefined;
    const rssRatio = r.memory && p?.memory ? r.memory.rssPerStreamKiB / p.memory.rssPerStreamKiB : undefined;
    rows.push({
      target: `memory per open stream <= 1.2x ${id}'s: ${r.scenario.id}`,
      measured: r.memory
        ? `${fmt(r.memory.jsPerStreamKiB, 1)} KiB heap + external/stream (${r.memory.streams} streams; ${id}: ${fmt(p?.memory?.jsPerStreamKiB, 1)}; ratio ${fmt(ratio)}); RSS ${fmt(r.memory.rssPerStreamKiB, 1)} vs ${fmt(p?.memory?.rssPerStreamKiB, 1)} KiB (${fmt(rssRatio)})`
        : '—',
      verdict: verdict(ratio === undefined ? undefined : ratio <= 1.2),
    });
  }
  const b = report.bundle;
  rows.push({
    target: 'Worker bundle <= 100 KB (KiB) gzip',
    measured: b.measured ? `${fmt(b.gzipBytes / KIB, 1)} KiB gzip (${fmt(b.rawBytes / KIB, 1)} KiB raw)` : '—',
    verdict: verdict(b.measured ? b.gzipBytes <= 100 * KIB : undefined),
  });
  return rows;
}

export function renderReport(report: RunReport, before?: RunReport): string {
  const { machine, settings: s } = report;
  const workerd = report.workerd;
  const workerdRan = report.results.some((r) => runtimeOf(r.scenario) === 'workerd' && r.notMeasured === undefined);
  const notMeasured = [
    ...report.results.filter((r) => r.notMeasured !== undefined).map((r) => `- ${r.scenario.id} (${r.scenario.title}): ${r.notMeasured}`),
    ...(report.bundle.measured ? [] : [`- Worker bundle size: ${report.bundle.reason}`]),
    ...(workerdRan
      ? ["- Memory per open stream under workerd: the isolate's heap cannot be read, nor a GC forced, from outside the process."]
      : []),
    ...(workerd?.isolateCpu?.startsWith('not reportable') ? [`- The Worker's own (isolate) CPU time: ${workerd.isolateCpu}.`] : []),
  ];
  const comparison = before
    ? `
## Before and after

Each figure of the run of ${before.date.toISOString()} (before, ${before.machine.cpu}, ${before.machine.cores} cores, ${
        before.pinned ? 'pinned' : 'not pinned'
      }) and of this run (after), \`before → after\`; "—" where a run did not measure it:

${beforeAfterTable(report, before)}
`
    : '';
  const scenarios = report.results.map((r) => `- **${r.scenario.id}**: ${r.scenario.title}`);
  const bundle = report.bundle.measured
    ? `${fmt(report.bundle.gzipBytes / KIB, 1)} KiB gzip, ${fmt(report.bundle.rawBytes / KIB, 1)} KiB raw (${report.bundle.files.join(', ')}; wrangler: "${report.bundle.wranglerSays ?? 'n/a'}")`
    : `not measured: ${report.bundle.reason}`;

  const wakeLine =
    report.wakeRoundTripUs === undefined
      ? ''
      : `- Waking a core: a byte's round trip between Node processes ${report.pinned ? 'on cores 0 and 1' : 'not pinned to cores'} (two wake-ups) took ${fmt(report.wakeRoundTripUs, 1)} µs, median, just before the latency phase; every figure at concurrency 1 and every paced chunk pays it (bench/wake-cost.ts)\n`;

  return `# Benchmarks

Generated by \`npm run bench\` (bench/run.ts); rerun it to refresh this file. Method: DESIGN section 9.

- Date: ${report.date.toISOString()}
- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}${machine.idle === undefined ? '' : `; idle: ${machine.idle}`}
${wakeLine}- Node ${machine.node}; ${workerd?.version ?? `workerd: ${workerd?.unavailable ?? 'not run'}`}; ${report.pinned ? 'server under test pinned to core 1, bench + mock upstream to core 0 (taskset)' : 'NOT pinned (taskset missing or a single core): numbers are noisier'}
- Run time: ${fmt(report.seconds, 0)} s
- CPU used outside the bench (other processes, interrupts and the host's steal; % of one core; high values mean disturbed figures): ${
    Object.entries(report.foreignByPhase)
      .map(([phase, pct]) => {
        const steal = report.stealByPhase?.[phase];
        return `${phase} ${fmt(pct, 0)}%${steal === undefined ? '' : ` (steal ${fmt(steal, 0)}%)`}`;
      })
      .join(', ') || 'unknown'
  }; throughput: per trial, below

## Scenarios

${scenarios.join('\n')}

## Method

- One run, every scenario side by side, all on 127.0.0.1. The mock upstream and the load generator
  share the bench process; each server under test is its own Node process, bundled
  as \`npm run build\` bundles \`dist/node.js\` and run by plain \`node\` (bench/build-servers.ts), or, for the Worker scenarios (Pw, Rw, Xw), its own workerd process: the workerd binary that wrangler
  installs, serving one Worker from a capnp config generated at bench time (the proxy's Worker
  bundled by esbuild as wrangler bundles it, its vars as text bindings, wrangler.toml's
  compatibility date and flags), not \`wrangler dev\`, whose own layers would dominate.
- Ratios are to the floor of the scenario's runtime, the fastest bare pass-through there: ${FLOOR.node} on
  Node, ${FLOOR.workerd} on workerd.
- Requests are ${s.requestBytes}-byte OpenAI chat requests; the mock answers a fixed chat.completion, or
  an SSE stream (a first chunk with the role and a token, N content chunks, a finish chunk, \`[DONE]\`).
- Latency: ${s.warmupRequests} warm-up requests per scenario, then ${s.latencySamples} sequential requests
  (concurrency 1, keep-alive), interleaved in rounds across scenarios so drift hits all alike.
  "Added" is the scenario's percentile minus D's.
- Throughput: closed loop, keep-alive, ${s.concurrencies.join(' and ')} requests in flight; ${s.throughputTrials} trials of
  ${s.throughputTrialSeconds} s per scenario, interleaved across scenarios, after a warm-up; the cell is the median trial
  (min-max of the trials in brackets). A trial during which processes outside the bench used more
  than ${s.foreignCpuWarnPct}% of a core (from /proc/stat) is left out when two undisturbed trials remain. Server and bench CPU show who was the bottleneck: a server
  near 100% of its core is the limit being measured.
- First chunk: ${s.firstChunkSamples} sequential streamed requests; time from sending the request to the first
  response body bytes. The mock sends its first event with the headers and the next ${s.firstChunkGapMs} ms later.
- CPU per chunk: the server's own CPU time (\`process.cpuUsage()\` over IPC) for ${s.cpuStreams} streams of
  ${s.cpuChunks[1]} content chunks minus ${s.cpuStreams} streams of ${s.cpuChunks[0]}, divided by the extra chunks, so per-request
  costs cancel out. Paced: the mock sends one chunk per ${s.cpuIntervalMs} ms per stream (8 streams at a time), so
  each chunk reaches the server in its own read, as tokens from a real model do; this includes the
  kernel and event-loop cost of one read and one write per chunk. Burst: chunks back to back, so
  reads carry several chunks and what remains is mostly the per-chunk work in JS. The target row
  compares the paced cost on top of the floor, the bare pass-through that does the same I/O per chunk.
  Median of ${s.cpuTrials} trials, interleaved across scenarios. The target rows also give what one
  \`JSON.parse\` of the mock's content event costs (bench/event-parse-cost.ts, in the bench process),
  back to back, and after a wait of the paced interval, as a chunk that comes alone after such a wait
  finds the caches cold (with 8 paced streams, most chunks come sooner after the last): every proxy
  that reads each event pays that per chunk before it does anything with it. And after the same
  interval spent busy in a loop that touches no memory: where that is near the back-to-back figure
  and the wait's is not, the caches go cold because the thread slept (on a VM, its core left the
  guest), not because of the time that went by. For workerd it is the whole workerd
  process's CPU, from /proc (every thread's run time in /proc/<pid>/task/*/schedstat; user time
  from /proc/<pid>/stat, in clock ticks, so shown only where the rounding is under a tenth). The Worker's own (isolate) CPU: ${workerd?.isolateCpu ?? 'not checked in this run'}.
- Burst streams: ${s.burstStreams ?? '—'} sequential streams (concurrency 1, keep-alive, interleaved in rounds) of
  ${s.burstChunks ?? '—'} content chunks the mock writes back to back; the time from the request to the stream's
  end, the server's CPU per stream, and the TCP connections the mock accepted meanwhile: a server
  that returns each finished stream's connection to its pool opens one or none, not one per stream.
  The last column counts the same for short streams whose body ends a moment after the last event
  (\`[DONE]\`), as a real upstream's may: a server that cancels the body at the last event loses
  the connection there.
- Memory per open stream (Node only): a fresh server process, warmed up; ${s.memoryStreams} concurrent streams whose upstream
  sends a chunk every ${s.memoryIntervalMs} ms; JS heap + external (and RSS) after a forced GC with the streams open
  (median of three looks), minus the same before, divided by the streams. The target is judged on
  heap + external, what the streams hold, which repeats from one fresh process to the next. RSS
  per stream is mostly how far V8 grew its heap (committed, not used) and what the allocator
  kept, and moves between fresh processes of the same server by more than the target's margin;
  it is shown beside.
- Worker bundle: \`wrangler deploy --dry-run --outdir\`, every emitted module gzipped together at
  the default level (as wrangler computes it).

## Non-streamed requests: latency (concurrency 1) and throughput

${latencyTable(report)}

Throughput trials in run order, with the CPU that processes outside the bench used meanwhile
(from /proc/stat). Trials marked * were disturbed and left out of the figures above:

${trialsTable(report)}

## Streams

${streamTable(report)}

${s.burstChunks ?? 64}-chunk burst streams, one at a time (the floor is ${FLOOR.node} on Node, ${FLOOR.workerd} on workerd):

${burstTable(report)}

Worker bundle: ${bundle}

## Node cluster (NODE_WORKERS)

The Node entry with NODE_WORKERS processes sharing the port, X's request, not pinned (the load
generator and the mock share the same cores); median of the trials, each listed in brackets:

${table(
  ['workers', 'concurrency', 'req/s', 'trials'],
  report.cluster.map((c) => [String(c.workers), String(c.concurrency), fmt(c.rps, 0), c.trials.map((t) => fmt(t, 0)).join(', ')]),
)}

## Targets (DESIGN section 9)

${table(
  ['target', 'measured', 'result'],
  targetRows(report).map((r) => [r.target, r.measured, r.verdict]),
)}

Reference figures from the design, measured on a machine like this one (not rerun here): a bare Node
\`fetch\` pass-through adds 0.9 ms p50 and tops out near 2,150 req/s; Portkey adds 1.5 ms p50, ~760
req/s, 28 ms before the first streamed chunk, 258 KB gzip Worker bundle; the original proxy on Node
adds 1.3 ms, ~1,000 req/s, 303 KB gzip. Published Go/Rust gateways add 0.4-1 ms end to end.

## Libraries replaced on measurement

- **openapi-fetch** (DESIGN section 1's typed upstream client) is not on the hot path any more. It
  builds a \`Request\` of its own that \`fetch\` then rebuilds; with plain \`fetch\` the proxy's CPU
  per non-streamed OpenAI->OpenAI request, measured in-process against a stub upstream
  (20,000 requests after 2,000 warm-up), fell from 113-122 us to 72-77 us. Upstream bodies stay
  typed by the generated spec types; the replaced client is no longer a dependency.
- **Typed upstream clients** (issue 15): every upstream call is now built by the generated
  function of its operation (\`generated/<api>/client.ts\`): a plain object builder, not
  openapi-fetch, which cost about a third of the CPU per request (above) by building a \`Request\`.
  Measured with \`npm run bench:calls\` (bench/call-cpu.ts: CPU per non-streamed request through the
  app's fetch handler against an in-memory stub upstream, 5,000 requests after 1,000 warm-up, median
  of 5 rounds), the tree before (main at fc41335) and after, alternately, on this 2-core machine
  shared with other work (load average 10-19): OpenAI chat 191, 185 -> 173, 195 us; OpenAI
  embeddings 172, 141 -> 118, 169; Anthropic chat 212, 201 -> 156, 173; Gemini chat 224, 186 ->
  177, 180; Cohere chat 132, 133 -> 138, 179; Anthropic pass-through 164, 150 -> 178, 157. Again
  after merging the Node transport, against main at 3973da0, at load average 1.4-1.8 (medians of 5
  runs each, alternating): OpenAI chat 147 -> 152 us; embeddings 118 -> 147; Anthropic chat 132 ->
  173; Gemini chat 152 -> 132; Cohere chat 137 -> 133; Anthropic pass-through 110 -> 130, with runs
  of one tree from 93 to 223 (bimodal: 114-120 and 173-177 for the same Anthropic tree). Medians
  move both ways, inside the spread of one tree; this noise could hide a few tens of us, but the
  part that changed measures about 1 us on its own. Building one call alone
  (\`--build\`, 200,000 calls, alternating) takes 0.6-1.1 us by the generated function and
  1.0-2.0 us by hand, under 1% of a request either way: no measurable cost over building it by
  hand, so openapi-fetch stays out.

## Where the Worker's stream time goes (workerd)

Xw spends several times Pw's CPU per streamed chunk, and the proxy's code is not most of it.
\`npx tsx bench/workerd-stream-loop.ts --kind passthrough,relay,tee,identity,coalesce,proxy\`
measures the workerd process's CPU per content chunk (64-chunk minus 4-chunk streams, 300
streams, burst) for six Workers: Pw; a relay that only reads each upstream chunk in JS and
enqueues it into the response's ReadableStream; tee, which serves the upstream's bytes untouched
while JS reads a tee'd copy of each chunk (what a Worker that only watches a stream pays);
identity, the relay writing each chunk into an IdentityTransformStream, a native stream that
workerd serves without calling into JS; coalesce, the relay reading ahead and enqueueing everything
read since its last enqueue at once; and the proxy. On 2026-12-01 at 18:03 UTC, load average 1.1:
Pw 15.9 µs, relay 116.9, tee 48.1, coalesce 120.4, proxy 103.3 (earlier runs that day, under load
from other work: Pw 14.7-21.6, relay 98-104, proxy 99-102); at 19:29 UTC: Pw 9.2, relay 98.9,
identity 83.8, tee 57.7, proxy 82.0. A native stream on the client's side saves about 15 µs of
the relay's cost per chunk, not the 80 that separate it from Pw.
Serving a stream from JS costs workerd most of it, and fewer, larger enqueues do not make it
cheaper; even only reading a copy in JS, with the upstream's bytes served natively, costs
+30 µs per chunk, about 2 ms per 64-chunk stream, twice the target's whole margin before the
proxy does any work. A profile through workerd's inspector puts the proxy's own JS at about 10-20
µs of the ~100. No variant that reads each chunk in JS came near Pw (also tried, by hand:
BYOB reads, a bytes stream, other high-water marks, pipeThrough a TransformStream); only \`body.pipeThrough(new IdentityTransformStream())\`, which
runs no JS per chunk, does. Reaching Pw would mean forwarding the upstream body untouched, giving
up the translation (OpenAI -> OpenAI normalizes every chunk), the idle timeout, the usage in the
access log and the dialect's error events. So the relay runs in every phase of this bench as Rw,
and the targets say what Xw adds to it: what the proxy's own work costs a burst, apart from
what workerd charges any Worker for reading a stream in JS.

## Where a paced chunk's CPU goes (Node)

The paced CPU-per-chunk target is the one the proxy on Node misses from run to run.
\`npx tsx bench/paced-chunk-profile.ts --scenarios Pu,X,T-anthropic --functions 15\` records each
server with perf (the kernel's software cpu-clock, with call graphs; V8's perf map names the JS
frames) while it serves the CPU phase's paced streams (8 at a time, one chunk per 1 ms per
stream), 256 streams of 110 chunks minus 256 of 10, two rounds, and puts each sample in a part
(bench/perf-parts.ts). On 2026-12-02 at 03:59 UTC, steal 0%, servers on core 1, µs per paced chunk:

| part | Pu | X | T-anthropic | X - Pu | T-anthropic - Pu |
| --- | --- | --- | --- | --- | --- |
| JSON.parse (V8) | 0.00 | 4.04 | 2.24 | 4.04 | 2.24 |
| JSON.stringify (V8) | 0.00 | 0.05 | 1.01 | 0.05 | 1.01 |
| garbage collection | 0.91 | 1.16 | 1.34 | 0.25 | 0.43 |
| kernel: waking the reader of a write | 2.46 | 3.86 | 3.31 | 1.39 | 0.85 |
| kernel: the rest of a write (TCP, loopback) | 4.72 | 5.40 | 4.86 | 0.68 | 0.14 |
| kernel: a read | 3.41 | 3.69 | 3.60 | 0.28 | 0.19 |
| kernel: waiting for events (epoll) | 2.63 | 2.78 | 2.71 | 0.14 | 0.08 |
| kernel: other (interrupts, timers, scheduling) | 0.76 | 1.15 | 1.13 | 0.39 | 0.37 |
| the server's own code (src/, bench/) | 0.39 | 3.55 | 3.14 | 3.17 | 2.76 |
| undici's JS | 1.82 | 2.00 | 1.91 | 0.18 | 0.09 |
| undici's HTTP parser (llhttp, WebAssembly) | 0.46 | 0.54 | 0.50 | 0.07 | 0.04 |
| other packages (eventsource-parser, Hono, valibot, ...) | 0.00 | 0.73 | 0.89 | 0.73 | 0.89 |
| Node's own JS (http, net, streams, timers) | 11.75 | 12.29 | 11.32 | 0.55 | -0.43 |
| no JS on the chain (libuv, Node and V8 C++) | 6.23 | 8.78 | 9.35 | 2.55 | 3.11 |
| total | 35.55 | 50.03 | 47.30 | 14.48 | 11.76 |

The servers read, write and wait alike: the kernel's parts differ by under 1.4 µs each. What
the proxy adds is its work on each event: JSON.parse, 2.2-4.0 µs a chunk; its own code, 2.8-3.2
(by function, the stream translator's \`event\`, with the parse and the checks V8 inlined into
it, 4.7 µs for X in all; the upstream read's hand-off, the guard, the TextDecoder and the OpenAI
chunk's normalization 0.46-0.86 each); eventsource-parser's line splitting, 0.7-0.9; the
Anthropic encoder's JSON.stringify, 1.0; and V8's and Node's native work for them (strings
decoded and written), 2.6-3.1. Burst streams do the same work with warm caches, and the burst
figures in the targets are that work per chunk. A paced chunk does it after the thread slept,
and the target rows show what that costs one JSON.parse of the same event in this run: back to
back, after a 1 ms sleep, and after 1 ms spent busy instead (bench/event-parse-cost.ts). Where
the sleep's figure is several times the other two, the cold caches come from sleeping (on this
VM an idle core leaves the guest), and the parse of the event alone then costs more than the
target's 2 µs. perf's own sampling interrupts the servers 5,000 times a second, so these totals
are above the bench's paced figures; the split between the parts is the point.

${comparison}
## Warnings from this run

${report.warnings.length ? report.warnings.map((w) => `- ${w}`).join('\n') : '- none'}

## Not yet measured

${notMeasured.join('\n')}
`;
}

/** `tsx bench/report.ts <results.json> [--before <results.json>]`: render saved runs without measuring. */
if (isMainModule(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--before');
  const beforePath = at >= 0 ? args[at + 1] : undefined;
  const afterPath = args.find((arg, i) => !arg.startsWith('--') && (at < 0 || i !== at + 1));
  if (!afterPath || (at >= 0 && !beforePath)) {
    process.stderr.write('usage: tsx bench/report.ts <results.json> [--before <earlier results.json>]\n');
    process.exit(2);
  }
  process.stdout.write(`${renderReport(loadReport(afterPath), beforePath ? loadReport(beforePath) : undefined)}\n`);
}
