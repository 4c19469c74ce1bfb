/**
 * Child entry for X and T: the proxy exactly as `npm start` serves it (startNodeServer, i.e.
 * @hono/node-server around the one fetch handler, bundled as dist/node.js is: see
 * bench/build-servers.ts), on an ephemeral port. Config comes from the
 * environment bench/run.ts builds, so only the mock upstream is configured.
 */
import type { Server } from 'node:net';
import { startNodeServer } from '../src/runtimes/node';
import { serveSideChannel } from './side-channel';

const server = startNodeServer({ port: 0, hostname: '127.0.0.1', env: { ...process.env } });
serveSideChannel(server as unknown as Server);
