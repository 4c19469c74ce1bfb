/** The proxy as a module any fetch-based runtime can serve: `export default { fetch }`. */
import { handle } from './app';
import type { Env } from './core/config';
import type { ExecutionContext } from './core/request-context';

export { handle };
export type { Env, ExecutionContext };
export default {
  fetch: (request: Request, env: Env, ctx?: ExecutionContext): Promise<Response> => handle(request, env, ctx),
};
