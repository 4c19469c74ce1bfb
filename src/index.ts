/** The proxy as a module any fetch-based runtime can serve: `export default { fetch }`. */
import { handle } from './app';
import type { Env } from './core/config';

export { handle };
export default {
  fetch: (request: Request, env: Env): Promise<Response> => handle(request, env),
};
