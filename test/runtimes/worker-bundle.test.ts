/**
 * Undici is the Node entry's transport and nothing else's: bundled as wrangler bundles the Worker
 * (workerd's conditions, Node built-ins left to the runtime), no module of undici is in it, while
 * the Node entry's bundle does carry it. A core file importing the Node transport would put it in
 * the Worker, past its size budget and onto a runtime where it cannot connect.
 */
import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRIES } from '../../scripts/build';

const RUNTIMES = join(import.meta.dirname, '..', '..', 'src', 'runtimes');

async function bundledPackages(entry: string, options: BuildOptions): Promise<string[]> {
  const { metafile } = await build({
    ...options,
    entryPoints: [join(RUNTIMES, entry)],
    bundle: true,
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  const packages = Object.keys(metafile.inputs).flatMap((path) => {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
    return name ? [name] : [];
  });
  return [...new Set(packages)];
}

describe('undici in the bundles', () => {
  it('is not in the Worker bundle', async () => {
    const packages = await bundledPackages('worker.ts', {
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
      external: ['node:*', 'cloudflare:*'],
    });
    expect(packages).toContain('eventsource-parser');
    expect(packages).not.toContain('undici');
  });

  it('is in the Node entry bundle', async () => {
    expect(await bundledPackages('node.ts', { format: 'esm', ...ENTRIES.node })).toContain('undici');
  });
});
