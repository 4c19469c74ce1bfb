/**
 * `npm run bench -- --smoke`: every scenario through every phase with a few requests, so a
 * scenario that stops working (a route, a provider, a request shape) fails here, not on the day
 * someone needs the figures. It measures nothing and writes nothing.
 *
 * The Worker scenarios (Pw, Rw, Xw) need the workerd binary; where there is none they are skipped
 * with the reason printed, and this test expects the Node scenarios alone.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { workerdUnavailable } from '../../bench/workerd';

const NODE_SCENARIOS = 'D, P, Pu, Ph, X, T-anthropic, T-responses, T-ollama, Xa, T-messages';
const WORKER_SCENARIOS = 'Pw, Rw, Xw';

it('runs every bench scenario once', { timeout: 240_000 }, () => {
  const root = join(import.meta.dirname, '..', '..');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 230_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  const noWorkerd = workerdUnavailable();
  const list = noWorkerd ? NODE_SCENARIOS : `${NODE_SCENARIOS}, ${WORKER_SCENARIOS}`;
  expect(run.stderr).toContain(`smoke run: ${list} measured`);
  expect(run.stderr).toMatch(/a byte's round trip between (cores 0 and 1|two processes not pinned to cores) \(two wake-ups\): \d+\.\d µs/);
  expect(run.stderr).toMatch(
    /JSON\.parse of one content event: openai \d+\.\d+ µs, anthropic \d+\.\d+ µs; after a 1 ms wait: openai \d+\.\d+ µs, anthropic \d+\.\d+ µs; after 1 ms busy: openai \d+\.\d+ µs, anthropic \d+\.\d+ µs/,
  );
  if (noWorkerd) expect(run.stderr).toContain(`Pw: skipped: ${noWorkerd}`);
  else expect(run.stderr).toMatch(/Xw: \d+ upstream connections for \d+ sequential streams/);
  expect(run.status).toBe(0);
});
