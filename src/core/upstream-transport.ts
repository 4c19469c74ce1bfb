/**
 * The one HTTP exchange every call to a provider's API goes through (chat, embeddings,
 * pass-through, token counts; image downloads and Google's OAuth token exchange are their own
 * paths), and which implementation serves it: global `fetch` unless an entry installs another
 * (the Node entry installs undici's pools, src/runtimes/undici-transport.ts). The answer is read
 * through the small shapes below, which a fetch `Response` already has: on Workers and the other
 * edge runtimes nothing is wrapped, and on Node no WHATWG Request, Response or stream is made.
 */
import type { Flow } from './flow';

export interface TransportRequest {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** aborting it stops the exchange, including a body still being read */
  readonly signal: AbortSignal | undefined;
}

export type BodyReadResult = { done: false; value: Uint8Array } | { done: true; value?: Uint8Array | undefined };

/** How a body is read: one chunk at a time; `cancel` stops it (the connection is closed, not reused). */
export interface BodyReader {
  read(): Promise<BodyReadResult>;
  cancel(reason?: unknown): Promise<void>;
}

export interface UpstreamBody {
  getReader(): BodyReader;
  /**
   * The body pushed as it arrives, where the transport can do that without a promise per chunk
   * (the Node entry's undici bodies); a body is read with this or with its reader, not both.
   */
  flow?(): Flow<Uint8Array>;
}

export interface UpstreamHeaders {
  get(name: string): string | null;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: UpstreamHeaders;
  /** null only where HTTP has no body (204, 304) */
  readonly body: UpstreamBody | null;
}

export type UpstreamTransport = (request: TransportRequest) => Promise<UpstreamResponse>;

const fetchTransport: UpstreamTransport = ({ method, url, headers, body, signal }) =>
  fetch(url, { method, headers, body, signal: signal ?? null });

let installed: UpstreamTransport = fetchTransport;

/** For a runtime entry, once at start-up: every upstream call from then on goes through `transport`. */
export function installUpstreamTransport(transport: UpstreamTransport): void {
  installed = transport;
}

/** The transport upstream calls go through (global fetch unless an entry installed another). */
export function upstreamTransport(): UpstreamTransport {
  return installed;
}
