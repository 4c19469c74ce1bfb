/**
 * Worker bundle size: what `wrangler deploy --dry-run` would upload, gzipped here (Workers limit
 * the compressed size; startup cost grows with it). Handles a tree without wrangler.toml by saying so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type BundleSize =
  | {
      readonly measured: true;
      readonly files: readonly string[];
      readonly rawBytes: number;
      readonly gzipBytes: number;
      readonly wranglerSays?: string;
    }
  | { readonly measured: false; readonly reason: string };

const CODE = /\.(m?js|cjs|wasm)$/;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

export function measureWorkerBundle(repoRoot: string): BundleSize {
  if (!existsSync(join(repoRoot, 'wrangler.toml'))) return { measured: false, reason: 'no wrangler.toml in the tree yet' };
  const outdir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  try {
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir],
      {
        cwd: repoRoot,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    if (run.status !== 0) {
      const tail = output.trim().split('\n').slice(-3).join(' ').slice(0, 300);
      return { measured: false, reason: `wrangler deploy --dry-run failed (${run.error?.message ?? `exit ${run.status}`}): ${tail}` };
    }
    const files = listFiles(outdir).filter((path) => CODE.test(path));
    if (files.length === 0) return { measured: false, reason: 'wrangler wrote no bundle' };
    // One gzip over all modules at the default level: the way wrangler computes its own figure.
    const all = Buffer.concat(files.map((file) => readFileSync(file)));
    const rawBytes = all.length;
    const gzipBytes = gzipSync(all).length;
    const wranglerSays = /Total Upload:[^\n]*/.exec(output)?.[0].trim();
    return {
      measured: true,
      files: files.map((path) => path.slice(outdir.length + 1)),
      rawBytes,
      gzipBytes,
      ...(wranglerSays ? { wranglerSays } : {}),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
