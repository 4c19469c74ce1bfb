/**
 * What one run produces: filled in by bench/run.ts, rendered by bench/report.ts, and saved as JSON
 * (bench/results/<timestamp>.json, or `--out`) so a later run can print it beside its own figures
 * (`--before`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BundleSize } from './bundle-size';
import type { ClusterThroughput } from './cluster';
import type { Machine } from './machine';
import type { UpstreamFormat } from './mock-upstream';
import type { Scenario } from './scenarios';
import type { Summary } from './stats';

export interface Throughput {
  readonly concurrency: number;
  /** median over the trials */
  readonly rps: number;
  /** every trial's req/s, in run order */
  readonly trials: readonly number[];
  /** per trial: counted in the figures (false: disturbed by CPU use outside the bench, left out) */
  readonly used: readonly boolean[];
  readonly errors: number;
  readonly firstError?: string;
  /** CPU use of the server process while measured (median trial), % of one core; undefined for D, whose server is the bench */
  readonly serverCpuPct?: number;
  /** server CPU time per completed request, microseconds */
  readonly serverUsPerRequest?: number;
  /** CPU use of the bench process (load generator + mock), % of one core, median trial */
  readonly benchCpuPct: number;
  /** per trial: CPU used by every other process on the machine (and the host's steal), % of one core */
  readonly foreignCpuPct?: readonly number[];
}

export interface Memory {
  readonly streams: number;
  readonly rssBaseMiB: number;
  /** RSS growth per open stream, KiB */
  readonly rssPerStreamKiB: number;
  /** JS heap + external (buffers) growth per open stream after a forced GC, KiB */
  readonly jsPerStreamKiB: number;
}

/** Server CPU time per stream chunk, microseconds. */
export interface CpuPerChunk {
  /** chunks paced 1 ms apart per stream: each chunk is its own read, as with a real model */
  readonly paced: number;
  /** the user-space part of `paced` (the rest is kernel: loopback TCP, epoll) */
  readonly pacedUser: number;
  /** chunks written back to back: reads carry several, so per-read costs are shared */
  readonly burst: number;
}

/**
 * Sequential streams (concurrency 1) of `chunks` content chunks that the mock writes back to back:
 * the design's "64-chunk burst stream", timed whole, with the server's CPU and the upstream
 * connections it opened for them.
 */
export interface BurstStreams {
  readonly streams: number;
  readonly chunks: number;
  /** request start to the end of the stream, ms */
  readonly total: Summary;
  /** server process CPU (user + system) per stream, µs; for workerd the whole workerd process */
  readonly cpuUsPerStream?: number;
  /** the user-space part (for workerd from /proc/<pid>/stat clock ticks, so coarse) */
  readonly userUsPerStream?: number;
  /** TCP connections the mock upstream accepted during these streams (for D: the load generator's own) */
  readonly upstreamConnections: number;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  /** set when the probe failed: why it is not measured */
  notMeasured?: string;
  latency?: Summary;
  firstChunk?: Summary;
  throughput: Throughput[];
  cpuPerChunk?: CpuPerChunk;
  burst?: BurstStreams;
  /** new upstream connections for `streams` sequential streams whose body ends `endGapMs` after the last event */
  reuse?: { readonly streams: number; readonly endGapMs: number; readonly connections: number };
  memory?: Memory;
}

/** The Worker scenarios' runtime: which workerd ran them, or why none did. */
export interface WorkerdInfo {
  readonly version?: string;
  /** why the Worker scenarios were skipped */
  readonly unavailable?: string;
  /** whether workerd reports the isolate's own CPU time, and what it reported */
  readonly isolateCpu?: string;
}

export interface Settings {
  readonly warmupRequests: number;
  readonly latencySamples: number;
  readonly firstChunkSamples: number;
  readonly throughputTrials: number;
  readonly throughputTrialSeconds: number;
  readonly concurrencies: readonly number[];
  readonly cpuStreams: number;
  readonly cpuTrials: number;
  readonly cpuChunks: readonly [short: number, long: number];
  readonly cpuIntervalMs: number;
  readonly firstChunkGapMs: number;
  readonly burstStreams: number;
  readonly burstChunks: number;
  readonly memoryStreams: number;
  readonly memoryIntervalMs: number;
  readonly requestBytes: number;
  readonly foreignCpuWarnPct: number;
}

export interface RunReport {
  readonly date: Date;
  readonly machine: Machine;
  readonly pinned: boolean;
  readonly seconds: number;
  readonly settings: Settings;
  readonly results: readonly ScenarioResult[];
  readonly bundle: BundleSize;
  /** the Node entry with NODE_WORKERS=1 and 2 */
  readonly cluster: readonly ClusterThroughput[];
  /** things that looked off during the run, found automatically */
  readonly warnings: readonly string[];
  /** CPU used outside the bench during each phase (other processes, interrupts, the host's steal), % of one core */
  readonly foreignByPhase: Readonly<Record<string, number>>;
  /** the part of that the hypervisor took (steal), % of one core; absent in runs before it was recorded */
  readonly stealByPhase?: Readonly<Record<string, number>>;
  readonly workerd?: WorkerdInfo;
  /**
   * CPU µs of one JSON.parse of a content event of each upstream format, in the bench process:
   * what any proxy that reads each event pays before doing anything with it
   */
  readonly eventParseUs?: Readonly<Record<UpstreamFormat, number>>;
  /**
   * µs of that parse when it comes after a wait of the paced streams' interval, as a paced chunk
   * that comes alone after such a wait does (bench/event-parse-cost.ts); absent in runs before it
   * was recorded
   */
  readonly eventParseAfterWaitUs?: Readonly<Record<UpstreamFormat, number>>;
  /**
   * µs of that parse after the same interval spent busy on the same thread instead of waiting:
   * whether the wait's cold caches come from sleeping or from the time that went by; absent in
   * runs before it was recorded
   */
  readonly eventParseAfterBusyUs?: Readonly<Record<UpstreamFormat, number>>;
  /**
   * µs of one round trip of a byte between Node processes on cores 0 and 1 (bench/wake-cost.ts),
   * taken just before the latency phase: what waking a core costs, which the concurrency-1 and
   * paced figures pay on every request and chunk; absent in runs before it was recorded
   */
  readonly wakeRoundTripUs?: number;
}

const FORMAT = 'llm-api-proxy bench results';

/** Write a run as JSON (NaN, a figure that could not be taken, becomes null and renders as "—"). */
export function saveReport(report: RunReport, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ format: FORMAT, ...report }, null, 1)}\n`);
}

/** Read a run saved by saveReport. */
export function loadReport(path: string): RunReport {
  const data = JSON.parse(readFileSync(path, 'utf8')) as RunReport & { format?: string; date: string };
  if (data.format !== FORMAT || !Array.isArray(data.results)) throw new Error(`${path} is not a saved bench run`);
  // Older runs lack later phases: an absent figure renders as "—".
  return { ...data, date: new Date(data.date), settings: { ...data.settings } };
}
