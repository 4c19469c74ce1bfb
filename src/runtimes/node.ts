/**
 * Node entry (`npm start`, `node dist/node.js`, `npx llm-api-proxy`): the one fetch handler on
 * @hono/node-server, in one process or, with NODE_WORKERS, in several sharing the port; upstream
 * calls go through undici's pools instead of fetch.
 */
import { serve } from '@hono/node-server';
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { handle } from '../app';
import { installAccessLogWriter } from '../dispatch/access-log';
import { installUpstreamTransport } from '../core/upstream-transport';
import { batchedLines } from './batched-lines';
import { drainRefusedBodies } from './drain-refused-body';
import { isMainModule } from './is-main-module';
import { writeStreamedBodies } from './node-streamed-body';
import { runCluster, workerCount } from './node-cluster';
import { serverSettings } from './server-settings';
import { printStartupReport } from './startup-report';
import { undiciTransport } from './undici-transport';

// One set of pools, and one stdout writer, for every server this process starts.
const transport = undiciTransport();
const accessLog = batchedLines();

export function startNodeServer(options: { port?: number; hostname?: string; env?: Record<string, string | undefined> } = {}): Server {
  const settings = serverSettings(options.env ?? process.env);
  installUpstreamTransport(transport);
  installAccessLogWriter(accessLog);
  // Without createServer options @hono/node-server uses node:http.
  return serve({
    // A refused body is still read, so the client gets its 413 rather than a reset; streamed answers are written here, not through a web stream.
    fetch: writeStreamedBodies(drainRefusedBodies((request: Request) => handle(request, settings.env))),
    port: options.port ?? settings.port,
    hostname: options.hostname ?? settings.hostname,
  }) as Server;
}

function main(): void {
  const { env } = serverSettings(process.env);
  const workers = workerCount(process.env.NODE_WORKERS);
  if (workers > 1 && cluster.isPrimary) {
    runCluster(workers, (address) => printStartupReport(env, `http://${address}`, workers));
    return;
  }
  const server = startNodeServer();
  server.on('listening', () => {
    const address = server.address();
    const where = typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address);
    // In a cluster the primary reports once for all workers.
    if (cluster.isPrimary) printStartupReport(env, `http://${where}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (isMainModule(import.meta.url)) main();
