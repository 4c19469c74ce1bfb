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

const KERNEL = 'kernel: ';
const MARKED: readonly { readonly name: string; readonly marker: RegExp }[] = [
  { name: 'JSON.parse (V8)', marker: /JsonParse|JsonParser/ },
  { name: 'JSON.stringify (V8)', marker: /JsonStringif/ },
  { name: 'garbage collection', marker: /Heap::CollectGarbage|Scavenger|MarkCompact|Heap::Scavenge/ },
  { name: `${KERNEL}waking the reader of a write`, marker: /^(sock_def_readable|ep_poll_callback)$/ },
  { name: `${KERNEL}the rest of a write (TCP, loopback)`, marker: /^(do_writev|ksys_write|__x64_sys_write|__x64_sys_writev)$/ },
  { name: `${KERNEL}a read`, marker: /^(ksys_read|__x64_sys_read|tcp_recvmsg)$/ },
  { name: `${KERNEL}waiting for events (epoll)`, marker: /^(do_epoll_wait|__x64_sys_epoll_pwait|__x64_sys_epoll_wait)$/ },
  { name: `${KERNEL}other (interrupts, timers, scheduling)`, marker: /\(\[kernel\.kallsyms\]\)$/ },
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

/** The innermost JS function on a chain: its name and where it is (a bundle's module, a node: module, WebAssembly). */
function innermostJs(
  frames: readonly Frame[],
  moduleAt: (file: string, line: number) => string,
): { name: string; where: string } | undefined {
  const js = frames.find((f) => f.symbol.startsWith('JS:'));
  if (!js) return undefined;
  // "JS:<tier: * optimized, ^ baseline, ~ interpreted><name> <file>:<line>:<column>"; a WebAssembly function has no file
  const [, name = '', file, line] = /^JS:[*^~]?(.*?)(?: (\S+):(\d+):\d+)?$/.exec(js.symbol) ?? [];
  if (/^(wasm-function|wasm-to-js|js-to-wasm)/.test(name)) return { name, where: 'wasm' };
  if (!file) return { name, where: '' };
  if (file.startsWith('node:')) return { name, where: file };
  return { name, where: moduleAt(file.replace(/^file:\/\//, ''), Number(line)) };
}

function partOf(frames: readonly Frame[], js: { where: string } | undefined): string {
  const marked = MARKED.find(({ marker }) => frames.some((f) => marker.test(f.symbol) || marker.test(f.line)));
  if (marked) return marked.name;
  if (!js) return BY_CODE.native;
  if (js.where === 'wasm') return BY_CODE.llhttp;
  if (js.where.startsWith('node:')) return BY_CODE.node;
  if (js.where.startsWith('node_modules/undici/')) return BY_CODE.undici;
  if (js.where.startsWith('node_modules/')) return BY_CODE.packages;
  return BY_CODE.proxy;
}

export interface SampledParts {
  /** ns of CPU per part, in the order of PARTS */
  readonly parts: number[];
  /**
   * ns of CPU by the innermost JS function on the chain, as "<name> (<where>)", for the samples
   * outside the kernel's parts: the kernel's callers are Node's write and read paths, whose
   * functions V8 inlines differently from one server to the next, so they would move between
   * names without saying anything.
   */
  readonly functions: Map<string, number>;
}

/** The samples of the text of `perf script -F period,ip,sym,dso` (a blank line between samples), summed. */
export function partsOfSamples(script: string, moduleAt: (file: string, line: number) => string): SampledParts {
  const parts = PARTS.map(() => 0);
  const functions = new Map<string, number>();
  for (const sample of script.split('\n\n')) {
    const lines = sample.split('\n').filter((line) => line.trim());
    const period = Number(lines[0]?.trim());
    if (!Number.isFinite(period) || lines.length < 2) continue;
    // a frame: "<address> <symbol> (<dso>)", leaf first
    const frames = lines.slice(1).map((line) => {
      const text = line.trim().replace(/^[0-9a-f]+ /, '');
      return { symbol: text.replace(/ \([^(]*\)$/, ''), line: text };
    });
    const js = innermostJs(frames, moduleAt);
    const part = partOf(frames, js);
    parts[PARTS.indexOf(part)]! += period;
    if (part.startsWith(KERNEL)) continue;
    const fn = js ? `${js.name || '(anonymous)'} (${js.where || '?'})` : '(no JS)';
    functions.set(fn, (functions.get(fn) ?? 0) + period);
  }
  return { parts, functions };
}
