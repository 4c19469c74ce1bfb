/**
 * The parent half of process management: start a measured server in its own Node process,
 * pinned to its own core, wait for its port, ask it for CPU and memory figures over IPC, and
 * make sure no child outlives the bench (normal end, error, Ctrl-C or SIGTERM).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import type { ChildMessage, ParentMessage, ProcStats } from './side-channel';

const live = new Set<ChildProcess>();

function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** Kill `child` with the others when the bench ends, however it ends (for children not started by startServerChild). */
export function trackChild(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

let hooked = false;
/** Install once: kill every child on exit, including exits by signal. */
export function cleanUpChildrenOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** Pinning needs taskset and two cores: core 0 for bench + mock, core 1 for the server measured. */
export function canPin(): boolean {
  if (cpus().length < 2) return false;
  return spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' }).status === 0;
}

/** Pin this process, every thread of it, to `core`. */
/**
 * `argv` run on these cores (a core number, or a list such as "0,1"); as it is when undefined.
 * taskset execs the command in place, so the spawned PID is the command's own process.
 */
export function onCores(argv: readonly string[], cores: number | string | undefined): string[] {
  return cores === undefined ? [...argv] : ['taskset', '-c', String(cores), ...argv];
}

export function pinSelf(core: number): boolean {
  return spawnSync('taskset', ['-a', '-pc', String(core), String(process.pid)], { stdio: 'ignore' }).status === 0;
}

export interface ServerChild {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  /** CPU and memory of the child; with `gc`, after two forced collections */
  stats(gc?: boolean): Promise<ProcStats>;
  stop(): Promise<void>;
}

export interface ChildOptions {
  readonly name: string;
  /** a built .js entry (bench/build-servers.ts) run by `node`, or a .ts one with `node --import tsx`; no npx wrapper, so the PID is the server's own */
  readonly entry: string;
  readonly args?: readonly string[];
  readonly env: Record<string, string>;
  readonly cwd: string;
  /** pin to this core with taskset; undefined: no pinning */
  readonly core?: number;
}

export function startServerChild(options: ChildOptions): Promise<ServerChild> {
  const loader = options.entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const node = [process.execPath, '--expose-gc', ...loader, options.entry, ...(options.args ?? [])];
  const argv = onCores(node, options.core);
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: options.cwd,
    env: options.env,
    // stdout is the proxy's access log (one line per request, as in production): written, not shown.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));

  let nextId = 0;
  const waiting = new Map<number, (stats: ProcStats) => void>();
  return new Promise<ServerChild>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${options.name}: not listening after 30 s`)), 30_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', fail);
    const early = (code: number | null, signal: string | null): void =>
      fail(new Error(`${options.name}: exited before listening (code ${code}, signal ${signal})`));
    child.once('exit', early);
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'stats') {
        waiting.get(message.id)?.(message.stats);
        waiting.delete(message.id);
        return;
      }
      clearTimeout(timer);
      child.off('exit', early);
      resolve({
        name: options.name,
        port: message.port,
        pid: child.pid ?? -1,
        stats(gc = false) {
          const id = nextId++;
          return new Promise<ProcStats>((resolveStats, rejectStats) => {
            const timeout = setTimeout(() => rejectStats(new Error(`${options.name}: no stats answer`)), 10_000);
            waiting.set(id, (stats) => {
              clearTimeout(timeout);
              resolveStats(stats);
            });
            const request: ParentMessage = { type: 'stats', id, gc };
            child.send(request);
          });
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 2_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
