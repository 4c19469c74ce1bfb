/**
 * The measured servers as the bench starts them: each scenario's server kind in its own process
 * (the proxy or a bare pass-through on Node, a Worker under workerd), configured to reach the
 * mock upstream and nothing else, and the request each scenario sends it.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuiltServers } from './build-servers';
import { startServerChild, type ServerChild } from './children';
import type { Endpoint } from './load-generator';
import type { MockUpstream } from './mock-upstream';
import { requestBody, type Scenario, type ServerKind } from './scenarios';
import { startWorkerd, type WorkerKind } from './workerd';

const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const API_KEY = 'bench-proxy-key';

/** The environment of a child: nothing from ours but PATH/HOME/TMPDIR, so no real provider key leaks in. */
function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** The proxy's configuration: only the mock upstream is configured. */
function proxyVars(mock: MockUpstream): Record<string, string> {
  const upstream = `http://127.0.0.1:${mock.port}`;
  return {
    API_KEY,
    OPENAI_API_KEY: 'sk-bench-openai',
    OPENAI_BASE_URL: `${upstream}/v1`,
    ANTHROPIC_API_KEY: 'sk-ant-bench',
    ANTHROPIC_BASE_URL: upstream,
  };
}

/** The proxy's environment on Node. */
export const proxyEnv = (mock: MockUpstream): Record<string, string> => childEnv(proxyVars(mock));

/** The bench Worker each workerd server kind runs (bench/workerd.ts). */
const WORKER_KIND = { 'workerd-passthrough': 'passthrough', 'workerd-relay': 'relay', 'workerd-proxy': 'proxy' } as const satisfies Partial<
  Record<ServerKind, WorkerKind>
>;

/** Starts the server process of a scenario, configured to reach the mock upstream. */
export interface Servers {
  start(kind: Exclude<ServerKind, 'mock'>): Promise<ServerChild>;
}

/**
 * Servers on `core` (unpinned when undefined); `nodeVars` go to the Node servers' environment
 * besides their own (NODE_OPTIONS for a profiler, say).
 */
export function serverFactory(
  mock: MockUpstream,
  core: number | undefined,
  built: BuiltServers,
  nodeVars: Record<string, string> = {},
): Servers {
  const upstream = `http://127.0.0.1:${mock.port}`;
  return {
    start(kind) {
      if (kind in WORKER_KIND) {
        // The Worker's vars, as text bindings; the same as the Node proxy's environment.
        return startWorkerd({ kind: WORKER_KIND[kind as keyof typeof WORKER_KIND], upstream, env: proxyVars(mock), core });
      }
      if (kind === 'proxy') {
        return startServerChild({ name: 'proxy', entry: built.proxy, cwd: REPO_ROOT, core, env: { ...proxyEnv(mock), ...nodeVars } });
      }
      return startServerChild({
        name: kind,
        entry: built.passthrough,
        args: [kind.replace('passthrough-', '')],
        cwd: REPO_ROOT,
        core,
        env: childEnv({ BENCH_UPSTREAM: upstream, ...nodeVars }),
      });
    },
  };
}

/** The request of `scenario` to its server on `port`, streamed or not. */
export function endpoint(scenario: Scenario, port: number, stream: boolean): Endpoint {
  return {
    port,
    path: scenario.path,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: requestBody(scenario.model, stream, scenario.dialect),
  };
}
