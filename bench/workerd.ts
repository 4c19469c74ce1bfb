/**
 * The Worker scenarios: the proxy's Worker bundle and a bare pass-through Worker
 * (`return fetch(upstream)`), each run by the workerd binary itself in its own process, from a
 * capnp config generated into a temp dir. Not through `wrangler dev`: its proxy layers in front of
 * workerd would cost more than what is measured.
 *
 * One Worker per workerd process, so the process CPU read from /proc is that Worker's alone. The
 * binary is the one wrangler/miniflare install (`@cloudflare/workerd-<platform>`); where there is
 * none, `workerdUnavailable()` says why and the Worker scenarios are skipped, not failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { onCores, trackChild, type ServerChild } from './children';
import type { ProcStats } from './side-channel';

/**
 * passthrough: `return fetch(upstream)`, no JS per chunk; relay: the same, but every chunk read by
 * JS and enqueued into a JS ReadableStream (what any Worker that looks at each chunk pays at
 * least); tee: the upstream's bytes served untouched while JS reads a copy; identity: the relay
 * writing into a native IdentityTransformStream instead of a JS stream; coalesce: the relay
 * writing everything read since its last write at once; proxy: the proxy's Worker bundle.
 */
export type WorkerKind = 'passthrough' | 'relay' | 'tee' | 'identity' | 'coalesce' | 'proxy';

const REPO_ROOT = dirname(import.meta.dirname);
const require = createRequire(join(REPO_ROOT, 'package.json'));
const exe = process.platform === 'win32' ? '.exe' : '';

/**
 * Where the workerd binary may be: BENCH_WORKERD if set (a path; `none` to skip the Worker
 * scenarios), else the platform package npm installed, the `workerd` package's own bin, PATH.
 */
function candidates(): string[] {
  const chosen = process.env.BENCH_WORKERD;
  if (chosen !== undefined && chosen !== '') return chosen === 'none' ? [] : [chosen];
  const found: string[] = [];
  const arch = process.arch === 'x64' ? '64' : process.arch;
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  for (const pkg of [`@cloudflare/workerd-${platform}-${arch}`, 'workerd']) {
    try {
      found.push(join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', `workerd${exe}`));
    } catch {
      // not installed
    }
  }
  return [...found, 'workerd'];
}

let binary: { path?: string; version?: string } | undefined;

function findBinary(): { path?: string; version?: string } {
  if (binary) return binary;
  for (const path of candidates()) {
    const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    if (run.status === 0) return (binary = { path, version: run.stdout.trim() });
  }
  return (binary = {});
}

/** The workerd binary's path, or undefined where none runs. */
export function workerdBinary(): string | undefined {
  return findBinary().path;
}

/** e.g. `workerd 2026-04-26` */
export function workerdVersion(): string | undefined {
  return findBinary().version;
}

/** Why the Worker scenarios cannot run here, or undefined when they can. */
export function workerdUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'process CPU is read from /proc, which this OS does not have';
  if (process.env.BENCH_WORKERD === 'none') return 'BENCH_WORKERD=none';
  return workerdBinary()
    ? undefined
    : `no workerd binary runs here (tried ${candidates().join(', ')}; npm ci installs it with wrangler, or set BENCH_WORKERD to one)`;
}

/** compatibility_date and compatibility_flags as wrangler.toml sets them, so the bench runs the Worker as deployed. */
const wranglerToml = (): string => readFileSync(join(REPO_ROOT, 'wrangler.toml'), 'utf8');

export function compatibility(): { date: string; flags: string[] } {
  const toml = wranglerToml();
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!date) throw new Error('wrangler.toml has no compatibility_date');
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? '';
  return { date, flags: [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) };
}

/** The request's path and body to the upstream, as every bench Worker sends them. */
const CALL_UPSTREAM = `const callUpstream = (request, env) => fetch(env.BENCH_UPSTREAM + new URL(request.url).pathname, {
  method: request.method,
  headers: { 'content-type': request.headers.get('content-type') ?? 'application/json', authorization: request.headers.get('authorization') ?? '' },
  body: request.body,
  signal: request.signal,
});
`;

/**
 * The bare pass-through: the upstream's response returned as is. The least any Worker in front
 * of an upstream can cost.
 */
const PASSTHROUGH_WORKER = `${CALL_UPSTREAM}export default {
  fetch: (request, env) => callUpstream(request, env),
};
`;

/**
 * The pass-through with each upstream read handed through JS: one `read()` of the fetch body and
 * one enqueue into a highWaterMark-0 ReadableStream per chunk, as the proxy's stream path does,
 * and nothing else. The floor of any Worker that touches every chunk (bench/workerd-stream-loop.ts).
 */
const RELAY_WORKER = `${CALL_UPSTREAM}export default {
  async fetch(request, env) {
    const upstream = await callUpstream(request, env);
    if (!upstream.body) return upstream;
    const reader = upstream.body.getReader();
    const body = new ReadableStream({
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    }, { highWaterMark: 0 });
    return new Response(body, { status: upstream.status, headers: upstream.headers });
  },
};
`;

/**
 * The upstream's bytes served untouched (no JS per chunk on the client's side) while JS reads a
 * tee'd copy of every chunk, as a Worker that only watches a stream (usage, idle time) would:
 * what reading alone costs, apart from serving a JS stream.
 */
const TEE_WORKER = `${CALL_UPSTREAM}export default {
  async fetch(request, env, ctx) {
    const upstream = await callUpstream(request, env);
    if (!upstream.body) return upstream;
    const [client, copy] = upstream.body.tee();
    ctx.waitUntil((async () => {
      const reader = copy.getReader();
      while (!(await reader.read()).done);
    })());
    return new Response(client, { status: upstream.status, headers: upstream.headers });
  },
};
`;

/**
 * The relay, writing each chunk into a workerd IdentityTransformStream instead of enqueueing it
 * into a JS ReadableStream: the client's side is a native stream that workerd reads without
 * calling into JS, so what remains per chunk is JS reading it and writing it.
 * @see https://developers.cloudflare.com/workers/runtime-apis/streams/transformstream/#identitytransformstream
 */
const IDENTITY_WORKER = `${CALL_UPSTREAM}export default {
  async fetch(request, env, ctx) {
    const upstream = await callUpstream(request, env);
    if (!upstream.body) return upstream;
    const reader = upstream.body.getReader();
    const { readable, writable } = new IdentityTransformStream();
    const writer = writable.getWriter();
    ctx.waitUntil((async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return writer.close();
        await writer.write(value);
      }
    })().catch((error) => writer.abort(error)));
    return new Response(readable, { status: upstream.status, headers: upstream.headers });
  },
};
`;

/**
 * The relay, but reading the upstream ahead of the client and handing on everything read since
 * the last enqueue as one chunk: whether fewer, larger writes to the client make a burst cheaper.
 */
const COALESCE_WORKER = `${CALL_UPSTREAM}function concat(parts) {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.byteLength; }
  return out;
}
export default {
  async fetch(request, env) {
    const upstream = await callUpstream(request, env);
    if (!upstream.body) return upstream;
    const reader = upstream.body.getReader();
    let read = [], ended = false, wake;
    (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) ended = true;
        else read.push(value);
        wake?.();
        if (done) return;
      }
    })();
    const body = new ReadableStream({
      async pull(controller) {
        while (read.length === 0 && !ended) await new Promise((resolve) => (wake = resolve));
        if (read.length === 0) return controller.close();
        const parts = read;
        read = [];
        controller.enqueue(concat(parts));
      },
      cancel: (reason) => reader.cancel(reason),
    }, { highWaterMark: 0 });
    return new Response(body, { status: upstream.status, headers: upstream.headers });
  },
};
`;

const BENCH_WORKERS: Record<Exclude<WorkerKind, 'proxy'>, string> = {
  passthrough: PASSTHROUGH_WORKER,
  relay: RELAY_WORKER,
  tee: TEE_WORKER,
  identity: IDENTITY_WORKER,
  coalesce: COALESCE_WORKER,
};

/**
 * Records what workerd reports of each invocation to a tail worker (cpuTime, wallTime) and hands
 * the sums back on any fetch: the way a Worker's own CPU time would be read, if workerd measured it.
 */
const TAIL_WORKER = `let events = 0, cpuMs = 0, wallMs = 0;
export default {
  tail(items) { for (const item of items) { events++; cpuMs += item.cpuTime ?? 0; wallMs += item.wallTime ?? 0; } },
  fetch() { return Response.json({ events, cpuMs, wallMs }); },
};
`;

/** The proxy's Workers entry bundled as `wrangler deploy` bundles it (esbuild; minified if wrangler.toml says so, names kept as wrangler keeps them). */
async function bundleProxy(dir: string): Promise<string> {
  const outfile = join(dir, 'proxy.js');
  await build({
    entryPoints: [join(REPO_ROOT, 'src', 'runtimes', 'worker.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    // wrangler's own settings for a deploy (wrangler-dist/cli.js: COMMON_ESBUILD_OPTIONS, getBuildConditions)
    // (no platform: esbuild's default, browser, as wrangler leaves it unless WRANGLER_BUILD_PLATFORM is set)
    target: 'es2024',
    conditions: ['workerd', 'worker', 'browser'],
    define: {
      'process.env.NODE_ENV': '"production"',
      'global.process.env.NODE_ENV': '"production"',
      'globalThis.process.env.NODE_ENV': '"production"',
    },
    minify: /^minify\s*=\s*true/m.test(wranglerToml()),
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return 'proxy.js';
}

const capnpString = (value: string): string => JSON.stringify(value); // capnp text literals escape like JSON

interface WorkerConfig {
  readonly module: string;
  readonly bindings: Record<string, string>;
  readonly port: number;
  /** attach the tail worker and serve it on this port */
  readonly tailPort?: number;
}

function capnpConfig(config: WorkerConfig): string {
  const { date, flags } = compatibility();
  const worker = (module: string, bindings: Record<string, string>, tails: boolean): string =>
    `(
      modules = [(name = ${capnpString(module)}, esModule = embed ${capnpString(module)})],
      compatibilityDate = ${capnpString(date)},
      compatibilityFlags = [${flags.map(capnpString).join(', ')}],
      bindings = [${Object.entries(bindings)
        .map(([name, text]) => `(name = ${capnpString(name)}, text = ${capnpString(text)})`)
        .join(', ')}],
      globalOutbound = "loopback"${tails ? ',\n      tails = ["tail"]' : ''}
    )`;
  const services = [
    `(name = "main", worker = ${worker(config.module, config.bindings, config.tailPort !== undefined)})`,
    // The mock upstream is on 127.0.0.1: workerd's default outbound refuses private and local addresses.
    `(name = "loopback", network = (allow = ["public", "private", "local"]))`,
  ];
  const sockets = [`(name = "http", address = "127.0.0.1:${config.port}", http = (), service = "main")`];
  if (config.tailPort !== undefined) {
    services.push(`(name = "tail", worker = ${worker('tail.js', {}, false)})`);
    sockets.push(`(name = "tail", address = "127.0.0.1:${config.tailPort}", http = (), service = "tail")`);
  }
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    ${services.join(',\n    ')}
  ],
  sockets = [
    ${sockets.join(',\n    ')}
  ],
);
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const ticksPerSecond = ((): number => {
  const value = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim());
  return Number.isFinite(value) && value > 0 ? value : 100;
})();

/**
 * CPU and RSS of a process from /proc. user and system come from /proc/<pid>/stat (clock ticks,
 * 10 ms); the total, where the kernel keeps schedstat, is the sum of every thread's run time in
 * nanoseconds instead, so per-chunk figures are not rounded to ticks. workerd's threads live as
 * long as the process, so no exited thread's time is missed.
 */
export function procStats(pid: number): ProcStats {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the command name, which is in parentheses and may hold spaces
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userUs = (Number(fields[11]) / ticksPerSecond) * 1e6;
  const systemUs = (Number(fields[12]) / ticksPerSecond) * 1e6;
  let cpuUs = userUs + systemUs;
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    }
    if (Number.isFinite(ns) && ns > 0) cpuUs = ns / 1000;
  } catch {
    // no schedstat: the tick-based total
  }
  const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  // The JS heap of an isolate is not visible from outside: NaN, shown as "—".
  return {
    cpuUs,
    userUs,
    userTickUs: 1e6 / ticksPerSecond,
    rss: rssKiB * 1024,
    heapUsed: Number.NaN,
    heapTotal: Number.NaN,
    external: Number.NaN,
  };
}

export interface WorkerdChild extends ServerChild {
  /** what the tail worker saw, when started with `tail` */
  tail?(): Promise<{ events: number; cpuMs: number; wallMs: number }>;
}

export interface WorkerdOptions {
  readonly kind: WorkerKind;
  /** the mock upstream's origin, e.g. http://127.0.0.1:1234 */
  readonly upstream: string;
  /** the proxy's configuration, as text bindings (the Worker's vars and secrets) */
  readonly env: Record<string, string>;
  /** pin to this core with taskset */
  readonly core?: number;
  /** attach a tail worker (for the isolate-CPU check only: it costs CPU of its own) */
  readonly tail?: boolean;
  /** serve the Chrome DevTools protocol here (`--inspector-addr`, e.g. 127.0.0.1:9229), for a CPU profile */
  readonly inspector?: string;
}

/** Start one Worker under workerd and wait until its socket accepts connections. */
export async function startWorkerd(options: WorkerdOptions): Promise<WorkerdChild> {
  const path = workerdBinary();
  if (!path) throw new Error(workerdUnavailable());
  const name = `workerd-${options.kind}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-workerd-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  try {
    mkdirSync(dir, { recursive: true });
    let module = `${options.kind}.js`;
    let bindings: Record<string, string> = { BENCH_UPSTREAM: options.upstream };
    if (options.kind === 'proxy') {
      module = await bundleProxy(dir);
      bindings = options.env;
    } else {
      writeFileSync(join(dir, module), BENCH_WORKERS[options.kind]);
    }
    if (options.tail) writeFileSync(join(dir, 'tail.js'), TAIL_WORKER);
    const port = await freePort();
    const tailPort = options.tail ? await freePort() : undefined;
    writeFileSync(join(dir, 'config.capnp'), capnpConfig({ module, bindings, port, ...(tailPort ? { tailPort } : {}) }));
    const argv = [path, 'serve', join(dir, 'config.capnp'), ...(options.inspector ? ['--inspector-addr', options.inspector] : [])];
    const command = onCores(argv, options.core);
    const child = spawn(command[0]!, command.slice(1), {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      // stdout: the proxy's access log (console.log), written, not shown; stderr kept for errors
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    trackChild(child);
    let stderr = '';
    child.stderr!.on('data', (part: Buffer) => {
      stderr = (stderr + part.toString()).slice(-4000);
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const pid = child.pid ?? -1;
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(killer);
      removeDir();
      process.off('exit', removeDir);
    };
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${name} exited before listening (code ${child.exitCode}, signal ${child.signalCode}): ${stderr.trim().slice(-800)}`,
        );
      }
      if (await canConnect(port)) break;
      if (Date.now() - started > 30_000) {
        await stop();
        throw new Error(`${name}: not listening after 30 s: ${stderr.trim().slice(-800)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return {
      name,
      port,
      pid,
      // No forced GC inside workerd from outside: `gc` is ignored.
      stats: () => Promise.resolve(procStats(pid)),
      stop,
      ...(tailPort
        ? {
            tail: async () =>
              (await (await fetch(`http://127.0.0.1:${tailPort}/`)).json()) as { events: number; cpuMs: number; wallMs: number },
          }
        : {}),
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}

/**
 * Whether workerd reports a Worker's own (isolate) CPU time: the pass-through Worker with a tail
 * worker attached, a few requests through it, and what the tail events carried. Inside a Worker
 * `Date.now()` and `performance.now()` do not advance during execution (a Spectre mitigation), so
 * the Worker cannot time itself either; the tail event's cpuTime is the only place left.
 */
export async function isolateCpuCheck(upstream: string, path: string, body: Buffer): Promise<{ reportable: boolean; detail: string }> {
  const child = await startWorkerd({ kind: 'passthrough', upstream, env: {}, tail: true });
  try {
    const requests = 5;
    for (let i = 0; i < requests; i++) {
      const response = await fetch(`http://127.0.0.1:${child.port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body.toString('utf8'),
      });
      await response.arrayBuffer();
    }
    // Tail events are delivered after the response; give them a moment.
    let seen = { events: 0, cpuMs: 0, wallMs: 0 };
    for (let i = 0; i < 40 && seen.events < requests; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      seen = await child.tail!();
    }
    const what = `${workerdVersion() ?? 'workerd'}: ${seen.events} tail events for ${requests} requests, cpuTime summing to ${seen.cpuMs} ms, wallTime to ${seen.wallMs} ms`;
    return seen.cpuMs > 0
      ? { reportable: true, detail: `${what} (reported; not yet used in the figures, which are process CPU)` }
      : {
          reportable: false,
          detail: `not reportable: ${what}; workerd outside Cloudflare does not measure it, and Date/performance do not advance inside a Worker, so the figures are process CPU`,
        };
  } finally {
    await child.stop();
  }
}
