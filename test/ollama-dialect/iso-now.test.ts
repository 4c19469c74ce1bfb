/** The timestamp of every Ollama line is `new Date().toISOString()`, made cheaper: the same text at any time. */
import fc from 'fast-check';
import { afterEach, expect, it, vi } from 'vitest';
import { isoNow } from '../../src/dialects/ollama/ollama-lines';

afterEach(() => vi.useRealTimers());

it('gives what new Date().toISOString() gives, at any millisecond', () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  const at = (ms: number) => {
    vi.setSystemTime(ms);
    expect(isoNow()).toBe(new Date(ms).toISOString());
  };
  for (const ms of [0, 1, 9, 10, 99, 100, 999, 1000, 1001, -1, -999, -1000, -1001, Date.UTC(2026, 11, 1, 23, 59, 59, 999), 253402300800000])
    at(ms);
  // within a second, and from one second to the next, in either direction
  fc.assert(
    fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.integer({ min: -1500, max: 1500 }), (ms, step) => {
      at(ms);
      if (Math.abs(ms + step) <= 8.64e15) at(ms + step);
    }),
    { numRuns: 2000 },
  );
});
