import type { Config } from './config';

/** What a route handler gets: the request, the cached config, and a logger for unexpected failures. */
export interface RequestContext {
  readonly request: Request;
  readonly config: Config;
  readonly log: (error: unknown) => void;
}
