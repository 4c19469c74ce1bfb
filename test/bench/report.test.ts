/**
 * The bench's saved results and the before/after table: a run saved as JSON reads back, figures
 * that could not be taken (NaN, saved as null) render as "—", and `bench/report.ts --before`
 * prints each figure of the earlier run beside the later one. Nothing is measured here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { renderReport } from '../../bench/report';
import { loadReport, saveReport, type RunReport, type ScenarioResult } from '../../bench/results';
import { SCENARIOS } from '../../bench/scenarios';
import { summarize } from '../../bench/stats';

const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = (id: string) => SCENARIOS.find((s) => s.id === id)!;

function result(id: string, p50: number, rps: number, burstMs: number, connections: number): ScenarioResult {
  return {
    scenario: scenario(id),
    latency: summarize([p50]),
    firstChunk: summarize([p50 * 2]),
    throughput: [16, 64].map((concurrency) => ({ concurrency, rps, trials: [rps], used: [true], errors: 0, benchCpuPct: 50 })),
    cpuPerChunk: { paced: 10, pacedUser: Number.NaN, burst: 5 },
    burst: { streams: 10, chunks: 64, total: summarize([burstMs]), upstreamConnections: connections, cpuUsPerStream: 900 },
    reuse: { streams: 10, endGapMs: 1, connections },
  };
}

function run(date: string, results: ScenarioResult[]): RunReport {
  return {
    date: new Date(date),
    machine: { cpu: 'test cpu', cores: 2, memoryGiB: 4, os: 'Linux', node: 'v20.20.0' },
    pinned: true,
    seconds: 1,
    settings: {
      warmupRequests: 1,
      latencySamples: 1,
      firstChunkSamples: 1,
      throughputTrials: 1,
      throughputTrialSeconds: 1,
      concurrencies: [16, 64],
      cpuStreams: 1,
      cpuTrials: 1,
      cpuChunks: [10, 110],
      cpuIntervalMs: 1,
      firstChunkGapMs: 1,
      burstStreams: 10,
      burstChunks: 64,
      memoryStreams: 1,
      memoryIntervalMs: 500,
      requestBytes: 200,
      foreignCpuWarnPct: 15,
    },
    results,
    bundle: { measured: false, reason: 'test' },
    cluster: [],
    warnings: [],
    foreignByPhase: { latency: 30 },
    stealByPhase: { latency: 20 },
    workerd: { version: 'workerd test', isolateCpu: 'not reportable: test' },
  };
}

const before = run('2026-01-01T00:00:00.000Z', [result('Pu', 0.5, 10_000, 2, 0), result('X', 1.5, 1_000, 9, 50)]);
const after = run('2026-02-01T00:00:00.000Z', [
  result('Pu', 0.5, 10_000, 2, 0),
  result('X', 0.6, 6_000, 3, 1),
  result('Pw', 1, 3_000, 5, 0),
  result('Rw', 1.1, 2_500, 5.2, 0),
  result('Xw', 1.2, 2_000, 5.5, 1),
]);

it('saves a run and reads it back, NaN as a blank figure', () => {
  const file = join(dir, 'after.json');
  saveReport(after, file);
  const read = loadReport(file);
  expect(read.date.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  expect(read.results.map((r) => r.scenario.id)).toEqual(['Pu', 'X', 'Pw', 'Rw', 'Xw']);
  expect(read.results[1]!.cpuPerChunk!.pacedUser).toBeNull();
  expect(renderReport(read)).toMatch(/\| X +\| Pu +\|/);
  // How much of the CPU outside the bench was the host's steal, phase by phase.
  expect(renderReport(read)).toContain('latency 30% (steal 20%)');
});

it('shows what waking a core cost beside the figures taken at concurrency 1, and how an idle core waits', () => {
  const text = renderReport({
    ...after,
    machine: {
      ...after.machine,
      idle: 'cpuidle haltpoll, guest halt polling off (guest_halt_poll_ns 0): an idle core halts into the hypervisor at once',
    },
    wakeRoundTripUs: 137.25,
  });
  expect(text).toContain('Linux; idle: cpuidle haltpoll, guest halt polling off');
  expect(text).toContain("- Waking a core: a byte's round trip between Node processes on cores 0 and 1 (two wake-ups) took 137.3 µs");
  expect(text).toMatch(/X - Pu = \+0\.100 ms p50; a wake-up round trip between the cores: 137\.3 µs/);
  expect(text).toMatch(/X - Pu = \+0\.200 ms p50; a wake-up round trip between the cores: 137\.3 µs/);
  expect(renderReport({ ...after, pinned: false, wakeRoundTripUs: 20 })).toContain(
    'between Node processes not pinned to cores (two wake-ups) took 20.0 µs',
  );
  // a run saved before the figure was recorded renders without it
  expect(renderReport(after)).not.toContain('Waking a core');
});

it('shows what one event parse costs back to back, after a paced wait and after as long busy, beside the CPU-per-chunk targets', () => {
  const text = renderReport({
    ...after,
    results: [...after.results, result('T-anthropic', 0.7, 5_000, 3, 1)],
    eventParseUs: { openai: 1.5, anthropic: 0.9 },
    eventParseAfterWaitUs: { openai: 12, anthropic: 8.25 },
    eventParseAfterBusyUs: { openai: 2.5, anthropic: 1.25 },
  });
  expect(text).toMatch(
    /on top of Pu, paced and burst: X [^\n]*JSON\.parse of one upstream event alone: 1\.50 µs, 12\.00 µs after a 1 ms wait, 2\.50 µs after 1 ms busy/,
  );
  expect(text).toMatch(/on top of Pu, paced and burst: T-anthropic [^\n]*: 0\.90 µs, 8\.25 µs after a 1 ms wait, 1\.25 µs after 1 ms busy/);
  // runs saved before a figure was recorded render without it
  const withoutBusy = renderReport({
    ...after,
    eventParseUs: { openai: 1.5, anthropic: 0.9 },
    eventParseAfterWaitUs: { openai: 12, anthropic: 8.25 },
  });
  expect(withoutBusy).toContain('12.00 µs after a 1 ms wait');
  expect(withoutBusy).not.toContain('ms busy');
  expect(renderReport({ ...after, eventParseUs: { openai: 1.5, anthropic: 0.9 } })).not.toContain('after a 1 ms wait');
});

it('takes the ratios of Worker scenarios to Pw and checks the burst-stream target', () => {
  const text = renderReport(after);
  // Xw's req/s over Pw's, not over Pu's
  expect(text).toMatch(/\| Xw +\| Pw +\|[^\n]*\| 0\.67 +\| 0\.67 +\|/);
  expect(text).toContain('Xw - Pw = +0.500 ms');
  // and what the proxy adds over the relay, the floor of a Worker that reads every chunk
  expect(text).toMatch(/within 1 ms of Rw[^\n]*\| Xw - Rw = \+0\.300 ms \(5\.500 - 5\.200\)[^\n]*Rw - Pw = \+0\.200 ms +\| pass +\|/);
  expect(text).not.toContain('every figure here is the Node runtime');
  expect(text).toContain("The Worker's own (isolate) CPU time: not reportable: test");
});

it('prints each figure before and after, from saved files', () => {
  saveReport(before, join(dir, 'before.json'));
  saveReport(after, join(dir, 'after.json'));
  const cli = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/report.ts', join(dir, 'after.json'), '--before', join(dir, 'before.json')],
    {
      cwd: join(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
    },
  );
  expect(cli.status).toBe(0);
  const table = cli.stdout.slice(cli.stdout.indexOf('## Before and after'));
  expect(table).toContain('2026-01-01T00:00:00.000Z');
  expect(table).toMatch(/\| X +\| 1\.500 → 0\.600 +\| 1000 → 6000 /);
  expect(table).toMatch(/\| Xw +\| — → 1\.200 /);
  expect(table).toContain('50 → 1');
});
