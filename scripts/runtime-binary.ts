/**
 * Where the Bun or Deno binary is. Both come from npm as a platform package (an optional
 * dependency of `bun` / `deno`); their postinstall moves the binary into the main package, but
 * npm 11 may skip install scripts, so both places are tried, then PATH. Each candidate must
 * answer `--version` (bun's placeholder, left when its postinstall did not run, does not).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type Runtime = 'bun' | 'deno';

const exe = process.platform === 'win32' ? '.exe' : '';
/** where each package keeps the binary, relative to the package's own directory */
const LAYOUT: Record<Runtime, { platformPackage: string; mainPackage: string }> = {
  bun: { platformPackage: `bin/bun${exe}`, mainPackage: 'bin/bun.exe' },
  deno: { platformPackage: `deno${exe}`, mainPackage: `deno${exe}` },
};

const require = createRequire(join(import.meta.dirname, '..', 'package.json'));

function packageDir(name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

function candidates(runtime: Runtime): string[] {
  const main = packageDir(runtime);
  if (!main) return [runtime];
  const { optionalDependencies = {} } = JSON.parse(readFileSync(join(main, 'package.json'), 'utf8')) as {
    optionalDependencies?: Record<string, string>;
  };
  // npm installs only the platform package that fits this machine.
  const platform = Object.keys(optionalDependencies).flatMap((name) => {
    const dir = packageDir(name);
    return dir ? [join(dir, LAYOUT[runtime].platformPackage)] : [];
  });
  return [...platform, join(main, LAYOUT[runtime].mainPackage), runtime];
}

const found = new Map<Runtime, string | undefined>();

/** The path (or PATH name) of a working binary, or undefined when none runs here. */
export function runtimeBinary(runtime: Runtime): string | undefined {
  if (!found.has(runtime)) {
    found.set(
      runtime,
      candidates(runtime).find((path) => spawnSync(path, ['--version'], { stdio: 'ignore', timeout: 10_000 }).status === 0),
    );
  }
  return found.get(runtime);
}
