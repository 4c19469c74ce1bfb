import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMainModule } from '../../src/runtimes/is-main-module';

describe('isMainModule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'entry guard '));
  const entry = join(dir, 'my proxy', 'node.js');

  it('matches a path with spaces (import.meta.url has them escaped)', () => {
    const url = pathToFileURL(entry).href;
    expect(url).toContain('%20');
    expect(isMainModule(url, entry, false)).toBe(true);
    expect(isMainModule(url, join(dir, 'other.js'), false)).toBe(false);
    expect(isMainModule(url, undefined, false)).toBe(false);
  });

  it('matches Windows paths, drive letter case aside', () => {
    const url = 'file:///C:/Users/Jane%20Doe/llm-api-proxy/dist/node.js';
    expect(isMainModule(url, 'C:\\Users\\Jane Doe\\llm-api-proxy\\dist\\node.js', true)).toBe(true);
    expect(isMainModule(url, 'c:\\Users\\Jane Doe\\llm-api-proxy\\dist\\node.js', true)).toBe(true);
    expect(isMainModule(url, 'C:\\Users\\Jane Doe\\llm-api-proxy\\dist\\worker.js', true)).toBe(false);
  });

  it('follows a bin symlink to the file Node runs, as npx starts it', () => {
    const real = join(dir, 'real.js');
    writeFileSync(real, '');
    const link = join(dir, 'llm-api-proxy');
    symlinkSync(real, link);
    expect(isMainModule(pathToFileURL(real).href, link, false)).toBe(true);
  });
});
