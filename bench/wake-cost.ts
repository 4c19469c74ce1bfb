/**
 * The floor under the concurrency-1 and paced targets: what waking a core costs on this machine.
 * One byte goes from the bench process (core 0) to a Node child on core 1 over a pipe and back,
 * 2,000 times one after another; each round trip wakes both processes once, as every request at
 * concurrency 1 wakes the bench, the server and the mock. On a VM whose idle cores halt into the
 * hypervisor (cpuidle haltpoll with guest halt polling off) each wake-up is a VM exit, and the
 * round trip is several times what it is on bare metal; the time of every request at concurrency
 * 1, and the CPU of every paced chunk, grows with it.
 */
import { spawn } from 'node:child_process';
import { onCores, trackChild } from './children';
import { median } from './stats';

const ECHO = "process.stdin.on('data', (b) => process.stdout.write(b))";

/** median round trip in µs; `pinned`: the child on core 1 by taskset, as the servers are */
export async function wakeRoundTripUs(pinned: boolean, smoke: boolean): Promise<number> {
  const rounds = smoke ? 50 : 2_000;
  const warmUp = smoke ? 10 : 200;
  const argv = onCores([process.execPath, '-e', ECHO], pinned ? 1 : undefined);
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
  trackChild(child);
  const byte = Buffer.from('x');
  let pending: { start: number; resolve: (us: number) => void; reject: (error: Error) => void } | undefined;
  child.stdout.on('data', () => pending?.resolve((performance.now() - pending.start) * 1000));
  child.once('exit', (code) => pending?.reject(new Error(`wake cost: the echo child exited (${code})`)));
  child.once('error', (error) => pending?.reject(error));
  const roundTrip = (): Promise<number> =>
    new Promise((resolve, reject) => {
      pending = { start: performance.now(), resolve, reject };
      child.stdin.write(byte);
    });
  try {
    for (let i = 0; i < warmUp; i++) await roundTrip();
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) samples.push(await roundTrip());
    return median(samples);
  } finally {
    child.kill();
  }
}
