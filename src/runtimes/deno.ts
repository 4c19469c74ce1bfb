/**
 * Deno entry (`npm run start:deno`, Deno Deploy): the one fetch handler on Deno.serve. Needs
 * --allow-net, --allow-env and --allow-read=.dev.vars.
 */
import { handle } from '../app';
import { serverSettings } from './server-settings';
import { printStartupReport } from './startup-report';

declare const Deno: {
  env: { toObject(): Record<string, string> };
  serve(
    options: { port: number; hostname: string; onListen(address: { hostname: string; port: number }): void },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
};

const { env, port, hostname } = serverSettings(Deno.env.toObject());
Deno.serve({ port, hostname, onListen: (address) => printStartupReport(env, `http://${address.hostname}:${address.port}`) }, (request) =>
  handle(request, env),
);
