/**
 * NODE_WORKERS: req/s of the built Node entry (dist/node.js, as `npm start` runs it; see
 * bench/build-servers.ts) with 1 and 2 worker processes sharing the port, X's request at concurrency 64. Unpinned: a
 * cluster is for several cores, and the load generator shares them, so on two cores the 2-worker
 * figure is what a self-hoster on a small machine gets, not the cluster's ceiling.
 */
import { spawn } from 'node:child_process';
import { onCores } from './children';
import { closedLoop, type Endpoint } from './load-generator';
import { median } from './stats';

export const CLUSTER_WORKERS = [1, 2] as const;
const CONCURRENCY = 64;

export interface ClusterSizes {
  readonly warmupMs: number;
  readonly trials: number;
  readonly trialMs: number;
}

export const FULL_CLUSTER: ClusterSizes = { warmupMs: 1_000, trials: 3, trialMs: 1_500 };
/** `--smoke`: the phase runs, measuring nothing */
export const SMOKE_CLUSTER: ClusterSizes = { warmupMs: 100, trials: 1, trialMs: 200 };

export interface ClusterThroughput {
  readonly workers: number;
  readonly concurrency: number;
  readonly rps: number;
  readonly trials: readonly number[];
  readonly errors: number;
}

/** Starts the entry with NODE_WORKERS on an ephemeral port, read back from its startup line. */
function startCluster(entry: string, cwd: string, env: Record<string, string>, workers: number, cores: string | undefined) {
  const node = [process.execPath, entry];
  // A child inherits the pinned bench's core: taskset gives it every core back.
  const argv = onCores(node, cores);
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd,
    env: { ...env, NODE_WORKERS: String(workers), PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (part: Buffer) => {
      output += part.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`NODE_WORKERS=${workers}: exited (code ${code}) before listening:\n${output}`)));
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { port, stop };
}

export async function measureCluster(
  sizes: ClusterSizes,
  entry: string,
  cwd: string,
  env: Record<string, string>,
  endpointAt: (port: number) => Endpoint,
  cores?: string,
): Promise<ClusterThroughput[]> {
  const results: ClusterThroughput[] = [];
  for (const workers of CLUSTER_WORKERS) {
    const cluster = startCluster(entry, cwd, env, workers, cores);
    try {
      const endpoint = endpointAt(await cluster.port);
      await closedLoop(endpoint, CONCURRENCY, { ms: sizes.warmupMs });
      const runs = [];
      for (let trial = 0; trial < sizes.trials; trial++) runs.push(await closedLoop(endpoint, CONCURRENCY, { ms: sizes.trialMs }));
      const trials = runs.map((run) => run.completed / run.seconds);
      results.push({
        workers,
        concurrency: CONCURRENCY,
        rps: median(trials),
        trials,
        errors: runs.reduce((sum, run) => sum + run.errors, 0),
      });
    } finally {
      await cluster.stop();
    }
  }
  return results;
}
