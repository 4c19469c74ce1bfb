/**
 * `tsx scripts/run-runtime.ts bun|deno ...args`: runs the npm-installed Bun or Deno (see
 * runtime-binary.ts) with these arguments, passing signals on and exiting with its code.
 */
import { spawn } from 'node:child_process';
import { runtimeBinary, type Runtime } from './runtime-binary';

const [runtime, ...args] = process.argv.slice(2);
if (runtime !== 'bun' && runtime !== 'deno') {
  console.error('usage: run-runtime.ts bun|deno [arguments]');
  process.exit(2);
}
const binary = runtimeBinary(runtime as Runtime);
if (!binary) {
  console.error(`${runtime} is not installed: run npm ci (it installs ${runtime} from npm), or put ${runtime} on PATH.`);
  process.exit(1);
}
const child = spawn(binary, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
