/**
 * `npm run bench -- --smoke`: every scenario through every phase with a few requests, so a
 * scenario that stops working (a route, a provider, a request shape) fails here, not on the day
 * someone needs the figures. It measures nothing and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('runs every bench scenario once', { timeout: 240_000 }, () => {
  const root = join(import.meta.dirname, '..', '..');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 230_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  expect(run.stderr).toMatch(/smoke run: D, P, Pu, Ph, X, T-anthropic, T-responses, T-ollama, Xa, T-messages measured/);
  expect(run.status).toBe(0);
});
