/**
 * NODE_WORKERS: the Node entry forks this many processes sharing one port (node:cluster), for a
 * self-hoster who outgrows one core. Unset or 1: one process, no cluster.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

/** `auto` is one process per core. */
export function workerCount(value: string | undefined, cores = availableParallelism()): number {
  const text = value?.trim() ?? '';
  if (text === '') return 1;
  if (text === 'auto') return cores;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`NODE_WORKERS must be a number of processes (1, 2, ...) or auto, not "${text}"`);
  return count;
}

/**
 * In the primary: fork `count` workers, call `onListening` once the first one listens, replace a
 * worker that dies after it listened (one that dies before would die again: the primary exits),
 * and stop them all on SIGINT or SIGTERM.
 */
export function runCluster(count: number, onListening: (address: string) => void): void {
  let stopping = false;
  let announced = false;
  const listened = new Set<number>();
  cluster.on('listening', (worker, address) => {
    listened.add(worker.id);
    if (announced) return;
    announced = true;
    onListening(`${address.address}:${address.port}`);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    if (!listened.has(worker.id)) {
      console.error(`[proxy] a worker exited before listening (${signal ?? `code ${code}`}); stopping`);
      stop(1);
      return;
    }
    console.error(`[proxy] worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    cluster.fork();
  });
  const stop = (exitCode = 0): void => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker?.process.kill('SIGTERM');
    process.exitCode = exitCode;
  };
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
  for (let i = 0; i < count; i++) cluster.fork();
}
