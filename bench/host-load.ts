/**
 * CPU used by the whole machine, from /proc/stat, so a run can tell how much of it went to
 * processes that are not part of the bench (a test suite started by someone else on a shared
 * machine shows up here, and explains a bad trial).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ticksPerSecond = ((): number => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const value = Number(out.stdout?.trim());
  return Number.isFinite(value) && value > 0 ? value : 100;
})();

/**
 * Busy CPU time of all cores since boot, microseconds, and the part of it the hypervisor took
 * (steal: time a virtual core wanted to run and the host ran something else); undefined where
 * /proc/stat is missing. Busy counts steal, irq and softirq too, so "outside the bench" is other
 * processes, the kernel's own interrupt work and the host together. Where idle cores halt into
 * the hypervisor, the host's work of waking them is steal too, so a phase that wakes cores often
 * (concurrency 1, paced chunks) makes steal of its own on an otherwise idle host.
 */
export function machineCpuUs(): { busyUs: number; stealUs: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu  user nice system idle iowait irq softirq steal ...
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((sum, x) => sum + x, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busyUs: ((total - idle) / ticksPerSecond) * 1e6, stealUs: ((fields[7] ?? 0) / ticksPerSecond) * 1e6 };
  } catch {
    return undefined;
  }
}
