/** The GitHub workflows run what the README promises: `.ci/run` on every push and pull request, the live drift check weekly. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const workflow = (name: string) => parse(readFileSync(join(root, '.github', 'workflows', name), 'utf8'));
const commands = (wf: { jobs: Record<string, { steps: Array<{ run?: string; with?: Record<string, unknown> }> }> }) =>
  Object.values(wf.jobs).flatMap((job) => job.steps);

describe('workflows', () => {
  it('ci runs .ci/run on Node 20 for pushes and pull requests', () => {
    const wf = workflow('ci.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(commands(wf).map((s) => s.run)).toContain('bash .ci/run');
    expect(commands(wf).find((s) => s.with?.['node-version'])?.with?.['node-version']).toBe(20);
  });

  it('specs-drift runs the strict live check weekly and on demand', () => {
    const wf = workflow('specs-drift.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(wf.on.schedule).toHaveLength(1);
    expect(commands(wf).some((s) => /npm run --silent specs:check -- --strict/.test(s.run ?? ''))).toBe(true);
  });
});
