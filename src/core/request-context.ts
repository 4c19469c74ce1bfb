import type { Config } from './config';

/**
 * What the access log says of one request, filled in as the request goes: the dialect and route
 * by the entry, the rest by dispatch. Never a body, never a key.
 */
export interface RequestRecord {
  readonly dialect: 'openai' | 'openai-responses' | 'ollama' | 'anthropic';
  /** the path as logged: a key in the path shows as `{API_KEY}` */
  readonly route: string;
  modelAsked?: string;
  provider?: string;
  modelServed?: string;
  attempts?: number;
  inputTokens?: number;
  outputTokens?: number;
  errorCode?: string;
  /** set while a streamed answer is being sent: the log line is written when it ends */
  streamEnd?: Promise<void>;
}

/** What Workers, Vercel Edge and Netlify hand a handler beside the request: work to finish after the answer. */
export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** What a route handler gets: the request, the cached config, the access record, and a logger for unexpected failures. */
export interface RequestContext {
  readonly request: Request;
  readonly config: Config;
  readonly record: RequestRecord;
  readonly log: (error: unknown) => void;
  /** the runtime's context where it has one (not on Node, Bun or Deno), e.g. to flush logs with waitUntil */
  readonly executionContext?: ExecutionContext;
}
