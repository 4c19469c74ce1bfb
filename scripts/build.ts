/**
 * `npm run build`: each runtime entry bundled with esbuild into `dist/`, every dependency inlined,
 * so `node dist/node.js` needs no node_modules at all (the container image copies one file).
 * Workers are bundled by wrangler (`npm run deploy`), not here.
 */
import { build, type BuildOptions } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { isMainModule } from '../src/runtimes/is-main-module';

const ROOT = join(import.meta.dirname, '..');

/** output name -> what it is built for */
export const ENTRIES: Readonly<Record<string, BuildOptions>> = {
  // The shebang lets `bin` start it (npx); `require` is for undici, CommonJS inside an ES module.
  node: {
    platform: 'node',
    target: 'node20',
    banner: { js: "#!/usr/bin/env node\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);" },
  },
  bun: { platform: 'node', target: 'esnext' },
  deno: { platform: 'node', target: 'esnext' },
  'vercel-edge': { platform: 'neutral', target: 'es2022', conditions: ['edge-light', 'worker', 'browser'], mainFields: ['module', 'main'] },
};

/** How the bundle for runtime `name` (a key of ENTRIES) is built, whatever its entry point; the bench builds its Node servers with these too. */
export const bundleOptions = (name: string): BuildOptions => ({
  bundle: true,
  format: 'esm',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  ...ENTRIES[name],
});

/** Builds into a fresh `outdir`: nothing left over from an earlier build ships. */
export async function buildEntries(outdir = join(ROOT, 'dist'), names = Object.keys(ENTRIES)): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await Promise.all(
    names.map((name) => build({ entryPoints: { [name]: join(ROOT, 'src', 'runtimes', `${name}.ts`) }, outdir, ...bundleOptions(name) })),
  );
}

if (isMainModule(import.meta.url)) await buildEntries();
