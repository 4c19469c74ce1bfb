/** generated/ and docs/compatibility.md are what `npm run codegen` makes from specs/ and src/. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('generated files are up to date (npm run codegen:check)', () => {
  const root = join(import.meta.dirname, '..');
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'codegen/generate.ts', '--check'], { cwd: root, encoding: 'utf8' });
  expect(out).toContain('up to date');
}, 60000);
