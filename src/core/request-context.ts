import type { Config } from './config';

/** What Workers, Vercel Edge and Netlify hand a handler beside the request: work to finish after the answer. */
export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** What a route handler gets: the request, the cached config, and a logger for unexpected failures. */
export interface RequestContext {
  readonly request: Request;
  readonly config: Config;
  readonly log: (error: unknown) => void;
  /** the runtime's context where it has one (not on Node, Bun or Deno), e.g. to flush logs with waitUntil */
  readonly executionContext?: ExecutionContext;
}
