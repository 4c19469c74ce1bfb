/**
 * The paced-chunk profile's sorting of perf samples into parts. The samples are written by hand in
 * the shape `perf script -F period,ip,sym,dso` printed on this machine (perf 6.1): a period line,
 * then one frame per line, leaf first, as `<address> <symbol> (<dso>)`, JS frames named by V8's
 * perf map as `JS:<tier><name> <file>:<line>:<column>`; a blank line between samples.
 */
import { expect, it } from 'vitest';
import { PARTS, modulesOf, partsOfSamples } from '../../bench/perf-parts';

const BUNDLE = '/tmp/bench-x/proxy-server.js';
const bundle = [
  '// node_modules/undici/lib/core/util.js',
  'x',
  '// node_modules/eventsource-parser/dist/index.js',
  'x',
  '// src/core/sse.ts',
  'x',
].join('\n');

const sample = (period: number, ...frames: string[]): string =>
  [`    ${period} `, ...frames.map((frame, i) => `\t${(0xc494a8 + i).toString(16)} ${frame}`)].join('\n');

const script = [
  // JSON.parse called from the proxy's code: V8's, not the caller's
  sample(
    100_000,
    'v8::internal::JsonParser<unsigned char>::ParseJsonValue<false> (/usr/bin/node)',
    `JS:*event file://${BUNDLE}:6:3 (/tmp/perf-1.map)`,
  ),
  // the loopback delivery of a write waking its reader, under the write
  sample(
    200_000,
    '_raw_spin_unlock_irqrestore ([kernel.kallsyms])',
    'sock_def_readable ([kernel.kallsyms])',
    'do_writev ([kernel.kallsyms])',
    '__GI___writev (/usr/lib/x86_64-linux-gnu/libc.so.6)',
  ),
  sample(300_000, 'tcp_write_xmit ([kernel.kallsyms])', 'do_writev ([kernel.kallsyms])'),
  sample(400_000, 'copyout ([kernel.kallsyms])', 'tcp_recvmsg ([kernel.kallsyms])', 'ksys_read ([kernel.kallsyms])'),
  sample(500_000, 'asm_sysvec_apic_timer_interrupt ([kernel.kallsyms])', 'Builtins_LoadIC (/usr/bin/node)'),
  // by the innermost JS function: the bundle's modules, Node's own, WebAssembly
  sample(
    1_000,
    'Builtins_LoadIC (/usr/bin/node)',
    `JS:*processLines file://${BUNDLE}:4:24 (/tmp/perf-1.map)`,
    `JS:*event file://${BUNDLE}:6:3 (/tmp/perf-1.map)`,
  ),
  sample(2_000, `JS:*readMore file://${BUNDLE}:2:15 (/tmp/perf-1.map)`),
  sample(3_000, `JS:*data file://${BUNDLE}:6:7 (/tmp/perf-1.map)`),
  sample(4_000, 'JS:*Socket._writev node:net:964:36 (/tmp/perf-1.map)'),
  sample(5_000, 'JS:wasm-function[20]-20-turbofan (/tmp/perf-1.map)', `JS:*wasm_on_body file://${BUNDLE}:2:25 (/tmp/perf-1.map)`),
  sample(6_000, 'uv__io_poll (/usr/bin/node)', 'uv_run (/usr/bin/node)'),
  // a sample perf printed without a chain is not counted
  '    7000 ',
].join('\n\n');

const modules = modulesOf(bundle);
const sampled = partsOfSamples(script, (file, line) => (file === BUNDLE ? modules(line) : ''));

it('puts each sample in the first part its call chain shows, else by the innermost JS function', () => {
  const byPart = Object.fromEntries(PARTS.map((part, i) => [part, sampled.parts[i]]));
  expect(byPart).toEqual({
    'JSON.parse (V8)': 100_000,
    'JSON.stringify (V8)': 0,
    'garbage collection': 0,
    'kernel: waking the reader of a write': 200_000,
    'kernel: the rest of a write (TCP, loopback)': 300_000,
    'kernel: a read': 400_000,
    'kernel: waiting for events (epoll)': 0,
    'kernel: other (interrupts, timers, scheduling)': 500_000,
    "the server's own code (src/, bench/)": 3_000,
    "undici's JS": 2_000,
    "undici's HTTP parser (llhttp, WebAssembly)": 5_000,
    'other packages (eventsource-parser, Hono, valibot, ...)': 1_000,
    "Node's own JS (http, net, streams, timers)": 4_000,
    'no JS on the chain (libuv, Node and V8 C++)': 6_000,
  });
});

it('sums the samples outside the kernel by the innermost JS function too, whatever part they went to', () => {
  expect(Object.fromEntries(sampled.functions)).toEqual({
    'event (src/core/sse.ts)': 100_000,
    'processLines (node_modules/eventsource-parser/dist/index.js)': 1_000,
    'readMore (node_modules/undici/lib/core/util.js)': 2_000,
    'data (src/core/sse.ts)': 3_000,
    'Socket._writev (node:net)': 4_000,
    'wasm-function[20]-20-turbofan (wasm)': 5_000,
    '(no JS)': 6_000,
  });
});

it('names the module of a bundle line by the last path comment above it', () => {
  expect([1, 2, 3, 4, 5, 6].map(modules)).toEqual([
    'node_modules/undici/lib/core/util.js',
    'node_modules/undici/lib/core/util.js',
    'node_modules/eventsource-parser/dist/index.js',
    'node_modules/eventsource-parser/dist/index.js',
    'src/core/sse.ts',
    'src/core/sse.ts',
  ]);
  expect(modulesOf('x\n// src/a.ts\n')(1)).toBe('');
});
