/**
 * Every runtime the proxy runs on here, each started with given variables in front of loopback
 * upstreams, for end-to-end suites. A runtime whose binary is missing reports why, and the
 * suites skip it saying so.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe } from 'vitest';
import { runtimeBinary } from '../../scripts/runtime-binary';
import { startNodeServer } from '../../src/runtimes/node';
import { startEdgeRuntime } from './edge-runtime';
import { freePort, startServerProcess, type RunningProxy } from './server-process';
import { startWranglerDev } from './wrangler-dev';

export type { RunningProxy };

export interface ProxyRuntime {
  readonly name: string;
  /** why this runtime cannot run here, or undefined when it can */
  readonly unavailable: string | undefined;
  start(env: Record<string, string>): Promise<RunningProxy>;
}

const ROOT = join(import.meta.dirname, '..', '..');

export async function startNodeProxy(env: Record<string, string>): Promise<RunningProxy> {
  const server = startNodeServer({ port: 0, env });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The arguments a package script gives Bun or Deno (`tsx scripts/run-runtime.ts deno run ...`). */
function scriptArguments(script: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return scripts[script]!.split(' ').slice(3);
}

/** Bun or Deno running its entry from source, with the arguments `npm run <script>` uses. */
function serverRuntime(name: string, binary: string | undefined, script: string): ProxyRuntime {
  const args = scriptArguments(script);
  return {
    name,
    unavailable: binary ? undefined : `no ${name} binary here (npm ci installs it from npm; see scripts/runtime-binary.ts)`,
    start: async (env) => {
      const port = await freePort();
      // Only PATH and HOME from ours: no real provider key reaches the proxy under test.
      const base = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };
      return startServerProcess({
        name,
        command: binary!,
        args,
        cwd: ROOT,
        port,
        env: { ...base, ...env, PORT: String(port), HOST: '127.0.0.1' },
      });
    },
  };
}

export const runtimes: readonly ProxyRuntime[] = [
  { name: 'Node', unavailable: undefined, start: startNodeProxy },
  { name: 'workerd', unavailable: undefined, start: (env) => startWranglerDev(env) },
  serverRuntime('Bun', runtimeBinary('bun'), 'start:bun'),
  serverRuntime('Deno', runtimeBinary('deno'), 'start:deno'),
  { name: 'Edge Runtime', unavailable: undefined, start: startEdgeRuntime },
];

export function runtimeNamed(name: string): ProxyRuntime {
  const runtime = runtimes.find((r) => r.name === name);
  if (!runtime) throw new Error(`no runtime ${name}`);
  return runtime;
}

/** `describe` for one runtime, skipped with the reason in its title when the runtime cannot run here. */
export function describeOn(runtime: ProxyRuntime, title: string, suite: () => void): void {
  if (runtime.unavailable) describe.skip(`${title} (${runtime.name}): skipped, ${runtime.unavailable}`, suite);
  else describe(`${title} (${runtime.name})`, suite);
}

/** Node and workerd: the two runtimes the gateway-layer and transport suites run on. */
export const nodeAndWorkerd: readonly ProxyRuntime[] = runtimes.filter((r) => r.name === 'Node' || r.name === 'workerd');
