import { describe, expect, it } from 'vitest';
import { workerCount } from '../../src/runtimes/node-cluster';

describe('workerCount (NODE_WORKERS)', () => {
  it('is one process when unset or empty, N when given, one per core for auto', () => {
    expect(workerCount(undefined, 8)).toBe(1);
    expect(workerCount(' ', 8)).toBe(1);
    expect(workerCount('3', 8)).toBe(3);
    expect(workerCount('auto', 8)).toBe(8);
  });

  it('refuses anything else, naming the variable', () => {
    for (const value of ['0', '-1', '1.5', 'two']) expect(() => workerCount(value, 8)).toThrow(/NODE_WORKERS/);
  });
});
