/**
 * The rules every server entry (Node, Bun, Deno) follows: config from `.dev.vars`, then the
 * runtime's environment, which wins; listen on PORT (8787) and HOST (127.0.0.1).
 */
import type { Env } from '../core/config';
import { loadDevVars } from './load-dev-vars';

export interface ServerSettings {
  readonly env: Env;
  readonly port: number;
  readonly hostname: string;
}

export function serverSettings(runtimeEnv: Record<string, string | undefined>, devVarsPath = '.dev.vars'): ServerSettings {
  const env = Object.freeze({ ...loadDevVars(devVarsPath), ...runtimeEnv });
  const port = Number(env.PORT || 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (0-65535), not "${env.PORT}"`);
  return { env, port, hostname: env.HOST || '127.0.0.1' };
}
