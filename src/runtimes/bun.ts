/** Bun entry (`npm run start:bun`): the one fetch handler on Bun.serve. */
import { handle } from '../app';
import { serverSettings } from './server-settings';
import { printStartupReport } from './startup-report';

declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: { port: number; hostname: string; fetch(request: Request): Promise<Response> }): { url: URL };
};

const { env, port, hostname } = serverSettings(Bun.env);
const server = Bun.serve({ port, hostname, fetch: (request) => handle(request, env) });
printStartupReport(env, server.url.origin);
