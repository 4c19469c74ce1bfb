/**
 * The Node servers the bench measures, bundled as `npm run build` bundles dist/node.js (esbuild
 * with scripts/build.ts's options for `node`) and run by plain `node`, so the figures are those of
 * what `npm start` serves. Run through tsx instead, every closure the proxy creates would also
 * call tsx's `__name()` (tsx keeps function names; the build does not), about 0.07 ms of a
 * request at concurrency 1 on the bench machine, and the cluster phase would measure tsx's
 * loader in every worker.
 *
 * Built once per run into a temporary folder that the bench removes when it ends.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEntries, bundleOptions } from '../scripts/build';

export interface BuiltServers {
  /** bench/proxy-server.ts: the proxy and the bench's side channel */
  readonly proxy: string;
  /** bench/passthrough.ts: the bare pass-throughs */
  readonly passthrough: string;
  /** dist/node.js exactly as `npm run build` makes it; the cluster phase runs it as `npm start` does */
  readonly node: string;
  remove(): void;
}

export async function buildServers(benchDir: string): Promise<BuiltServers> {
  const dir = mkdtempSync(join(tmpdir(), 'llm-api-proxy-bench-'));
  // The bundles are ES modules in .js files, as in dist/ under the repository's package.json.
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const bundle = async (name: string): Promise<string> => {
    await build({ ...bundleOptions('node'), entryPoints: { [name]: join(benchDir, `${name}.ts`) }, outdir: dir });
    // Started through an importer: run as the main script, a bundle that contains
    // src/runtimes/node.ts would also run its main() (its isMainModule check would see the
    // bundle itself) and start a second server.
    const start = join(dir, `start-${name}.js`);
    writeFileSync(start, `import './${name}.js';\n`);
    return start;
  };
  try {
    const [proxy, passthrough] = await Promise.all([
      bundle('proxy-server'),
      bundle('passthrough'),
      buildEntries(join(dir, 'dist'), ['node']),
    ]);
    return { proxy, passthrough, node: join(dir, 'dist', 'node.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
