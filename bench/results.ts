/** What one run produces: filled in by bench/run.ts, rendered by bench/report.ts. */
import type { BundleSize } from './bundle-size';
import type { ClusterThroughput } from './cluster';
import type { Machine } from './machine';
import type { Scenario } from './scenarios';
import type { Summary } from './stats';

export interface Throughput {
  readonly concurrency: number;
  /** median over the trials */
  readonly rps: number;
  /** every trial's req/s, in run order */
  readonly trials: readonly number[];
  /** per trial: counted in the figures (false: disturbed by other processes, left out) */
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

export interface ScenarioResult {
  readonly scenario: Scenario;
  /** set when the probe failed: why it is not measured */
  notMeasured?: string;
  latency?: Summary;
  firstChunk?: Summary;
  throughput: Throughput[];
  cpuPerChunk?: CpuPerChunk;
  memory?: Memory;
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
  /** CPU used by processes outside the bench during each phase, % of one core */
  readonly foreignByPhase: Readonly<Record<string, number>>;
}
