/**
 * Node entry (`npm start`): the same fetch handler on @hono/node-server. Config comes from
 * .dev.vars, then the environment, which wins.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { handle } from '../app';
import { drainRefusedBodies } from './drain-refused-body';
import { loadDevVars } from './load-dev-vars';

export function startNodeServer(options: { port?: number; hostname?: string; env?: Record<string, string | undefined> } = {}): Server {
  const env = Object.freeze({ ...loadDevVars('.dev.vars'), ...(options.env ?? process.env) });
  const port = options.port ?? Number(env.PORT ?? 8787);
  const hostname = options.hostname ?? env.HOST ?? '127.0.0.1';
  // Without createServer options @hono/node-server uses node:http.
  return serve({ fetch: drainRefusedBodies((request: Request) => handle(request, env)), port, hostname }) as Server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = startNodeServer();
  server.on('listening', () => {
    const address = server.address();
    const where = typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address);
    console.log(`llm-api-proxy listening on http://${where}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
