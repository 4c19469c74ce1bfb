/**
 * Where a server's CPU went, from the call chains of `perf script -F period,ip,sym,dso`: each
 * sample goes to the first part of MARKED its chain shows (V8's JSON and GC, the kernel's work,
 * with the wake-up of the process that reads a write apart from the rest of the write), else to
 * the code of the innermost JS function on it (BY_CODE; a bundle's modules told apart by
 * esbuild's `// <path>` comments). The JS frames are named by V8's perf map
 * (`--perf-basic-prof-only-functions`), as `JS:<tier><name> <file>:<line>:<column>`.
 */
import { spawnSync } from 'node:child_process';

/** `perf` that can record this user's processes, or why not. */
export function perfUnavailable(): string | undefined {
  const probe = spawnSync('perf', ['record', '-e', 'cpu-clock', '-o', '/dev/null', '--', 'true'], { encoding: 'utf8' });
  if (probe.error) return `perf is not installed (${probe.error.message})`;
  return probe.status === 0 ? undefined : `perf cannot record here: ${probe.stderr.trim().split('\n').pop()}`;
}

const MARKED: readonly { readonly name: string; readonly marker: RegExp }[] = [
  { name: 'JSON.parse (V8)', marker: /JsonParse|JsonParser/ },
  { name: 'JSON.stringify (V8)', marker: /JsonStringif/ },
  { name: 'garbage collection', marker: /Heap::CollectGarbage|Scavenger|MarkCompact|Heap::Scavenge/ },
  { name: 'kernel: waking the reader of a write', marker: /^(sock_def_readable|ep_poll_callback)$/ },
  { name: 'kernel: the rest of a write (TCP, loopback)', marker: /^(do_writev|ksys_write|__x64_sys_write|__x64_sys_writev)$/ },
  { name: 'kernel: a read', marker: /^(ksys_read|__x64_sys_read|tcp_recvmsg)$/ },
  { name: 'kernel: waiting for events (epoll)', marker: /^(do_epoll_wait|__x64_sys_epoll_pwait|__x64_sys_epoll_wait)$/ },
  { name: 'kernel: other (interrupts, timers, scheduling)', marker: /\(\[kernel\.kallsyms\]\)$/ },
];

const BY_CODE = {
  proxy: "the server's own code (src/, bench/)",
  undici: "undici's JS",
  llhttp: "undici's HTTP parser (llhttp, WebAssembly)",
  packages: 'other packages (eventsource-parser, Hono, valibot, ...)',
  node: "Node's own JS (http, net, streams, timers)",
  native: 'no JS on the chain (libuv, Node and V8 C++)',
} as const;

/** Every part, in the order a table shows them. */
export const PARTS: readonly string[] = [...MARKED.map(({ name }) => name), ...Object.values(BY_CODE)];

/** The module of a line of a bundle (1-based), from esbuild's `// <path>` comments; '' before the first. */
export function modulesOf(bundle: string): (line: number) => string {
  const starts: { line: number; path: string }[] = [];
  bundle.split('\n').forEach((text, i) => {
    const path = /^\/\/ ((?:src|bench|node_modules)\/\S+)$/.exec(text)?.[1];
    if (path) starts.push({ line: i + 1, path });
  });
  return (line) => starts.findLast((start) => start.line <= line)?.path ?? '';
}

interface Frame {
  /** the symbol alone */
  readonly symbol: string;
  /** the symbol with its dso in brackets */
  readonly line: string;
}

function partOf(frames: readonly Frame[], moduleAt: (file: string, line: number) => string): string {
  const marked = MARKED.find(({ marker }) => frames.some((f) => marker.test(f.symbol) || marker.test(f.line)));
  if (marked) return marked.name;
  const js = frames.find((f) => f.symbol.startsWith('JS:'));
  if (!js) return BY_CODE.native;
  if (/^JS:(wasm-function|wasm-to-js|js-to-wasm)/.test(js.symbol)) return BY_CODE.llhttp;
  if (/ node:/.test(js.symbol)) return BY_CODE.node;
  const at = /(?:file:\/\/)?(\/\S+):(\d+):\d+$/.exec(js.symbol);
  const module = at ? moduleAt(at[1]!, Number(at[2])) : '';
  if (module.startsWith('node_modules/undici/')) return BY_CODE.undici;
  if (module.startsWith('node_modules/')) return BY_CODE.packages;
  return BY_CODE.proxy;
}

/** ns of CPU per part, in the order of PARTS, from the text of `perf script -F period,ip,sym,dso` (a blank line between samples). */
export function partsOfSamples(script: string, moduleAt: (file: string, line: number) => string): number[] {
  const ns = PARTS.map(() => 0);
  for (const sample of script.split('\n\n')) {
    const lines = sample.split('\n').filter((line) => line.trim());
    const period = Number(lines[0]?.trim());
    if (!Number.isFinite(period) || lines.length < 2) continue;
    // a frame: "<address> <symbol> (<dso>)", leaf first
    const frames = lines.slice(1).map((line) => {
      const text = line.trim().replace(/^[0-9a-f]+ /, '');
      return { symbol: text.replace(/ \([^(]*\)$/, ''), line: text };
    });
    ns[PARTS.indexOf(partOf(frames, moduleAt))]! += period;
  }
  return ns;
}
