/** The proxy on each runtime, started with given variables, for end-to-end suites. */
import type { AddressInfo } from 'node:net';
import { startNodeServer } from '../../src/runtimes/node';
import { startWranglerDev } from './wrangler-dev';

export interface RunningProxy {
  url: string;
  stop(): Promise<void>;
}

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

export const runtimes: ReadonlyArray<[name: string, start: (env: Record<string, string>) => Promise<RunningProxy>]> = [
  ['Node', startNodeProxy],
  ['workerd', (env) => startWranglerDev(env)],
];
