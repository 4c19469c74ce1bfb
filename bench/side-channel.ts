/**
 * The child half of the IPC side channel between bench/run.ts and a server it measures. The
 * measured numbers (CPU time, memory after a forced GC) must come from inside the server
 * process, and an IPC channel answers without touching the HTTP path being measured.
 */
import type { AddressInfo, Server } from 'node:net';

export interface ProcStats {
  /** user + system CPU time of the whole process, microseconds */
  readonly cpuUs: number;
  /** the user part: JS and the runtime; the rest is the kernel (loopback TCP, epoll) */
  readonly userUs: number;
  /** set when userUs is counted in clock ticks of this many µs (workerd, from /proc), not exactly */
  readonly userTickUs?: number;
  readonly rss: number;
  readonly heapUsed: number;
  /** what V8 has committed for its heap, used or not (RSS minus this is native memory) */
  readonly heapTotal: number;
  /** memory of C++ objects bound to JS (buffers, ArrayBuffers), bytes */
  readonly external: number;
}

export type ParentMessage = { readonly type: 'stats'; readonly id: number; readonly gc: boolean };
export type ChildMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'stats'; readonly id: number; readonly stats: ProcStats };

const gc = (globalThis as { gc?: () => void }).gc;

function snapshot(collect: boolean): ProcStats {
  // Two passes: the first can leave objects that only the second finds unreachable (weak refs).
  if (collect && gc) {
    gc();
    gc();
  }
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  return {
    cpuUs: cpu.user + cpu.system,
    userUs: cpu.user,
    rss: mem.rss,
    heapUsed: mem.heapUsed,
    heapTotal: mem.heapTotal,
    external: mem.external,
  };
}

/** Report the port once `server` listens, answer stats requests, and never outlive the parent. */
export function serveSideChannel(server: Server): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('Start this file from bench/run.ts: it needs the IPC channel.');
  const reply = (message: ChildMessage): void => void send(message);
  const ready = (): void => reply({ type: 'ready', port: (server.address() as AddressInfo).port });
  if (server.listening) ready();
  else server.once('listening', ready);
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') reply({ type: 'stats', id: message.id, stats: snapshot(message.gc) });
  });
  process.on('disconnect', () => process.exit(0));
}
