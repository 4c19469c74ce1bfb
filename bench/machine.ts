/** The machine a report was measured on: numbers only compare on like hardware. */
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /**
   * how an idle core waits, where Linux says: the cpuidle driver and, for haltpoll (a KVM guest),
   * how long a core polls before it halts into the hypervisor; absent in older runs
   */
  readonly idle?: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux: fall back to what Node knows
  }
  return cpus()[0]?.model ?? 'unknown';
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/**
 * With haltpoll and guest_halt_poll_ns 0 (what some VM images set, against the kernel's default of
 * 200000) an idle core halts at once, and waking it is a VM exit.
 * @see https://docs.kernel.org/virt/guest-halt-polling.html
 */
function idleDescription(): string | undefined {
  const driver = read('/sys/devices/system/cpu/cpuidle/current_driver');
  if (driver === undefined) return undefined;
  const pollNs = read('/sys/module/haltpoll/parameters/guest_halt_poll_ns');
  if (driver !== 'haltpoll' || pollNs === undefined) return `cpuidle ${driver}`;
  return Number(pollNs) === 0
    ? 'cpuidle haltpoll, guest halt polling off (guest_halt_poll_ns 0): an idle core halts into the hypervisor at once'
    : `cpuidle haltpoll, guest halt polling up to ${Number(pollNs) / 1000} µs (guest_halt_poll_ns)`;
}

export function describeMachine(): Machine {
  const idle = idleDescription();
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    ...(idle === undefined ? {} : { idle }),
  };
}
