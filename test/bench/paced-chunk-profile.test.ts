/**
 * `npx tsx bench/paced-chunk-profile.ts`, run once with a few streams so it cannot rot: it needs
 * `perf` able to record this user's processes, and says so and skips where it cannot. It
 * measures nothing here: the table must have every part, for both servers, and the perf maps V8
 * wrote for them must be gone.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PARTS, perfUnavailable } from '../../bench/perf-parts';

const unavailable = perfUnavailable();
const perfMaps = (): string[] => readdirSync('/tmp').filter((name) => /^perf-\d+\.map$/.test(name));
if (unavailable) console.warn(`paced-chunk-profile test skipped: ${unavailable}`);

it.skipIf(unavailable !== undefined)('profiles paced chunks through Pu and X, part by part', { timeout: 120_000 }, () => {
  const root = join(import.meta.dirname, '..', '..');
  const before = perfMaps();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/paced-chunk-profile.ts', '--streams', '4', '--rounds', '1'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 110_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('| part | Pu | X | X - Pu |');
  const number = String.raw`-?\d+\.\d\d`;
  for (const part of [...PARTS, 'total']) {
    const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(run.stdout).toMatch(new RegExp(`^\\| ${escaped} \\| ${number} \\| ${number} \\| ${number} \\|$`, 'm'));
  }
  expect(perfMaps().filter((name) => !before.includes(name))).toEqual([]);
});
