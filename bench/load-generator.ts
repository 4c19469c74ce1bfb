/**
 * A small closed-loop HTTP load generator on node:http (autocannon is not a dependency). Every
 * worker sends its next request as soon as the previous one ends, over a keep-alive agent with
 * exactly `concurrency` sockets, so "concurrency N" means N requests in flight, always.
 */
import { Agent, request, type OutgoingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Endpoint {
  readonly port: number;
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
}

export interface Exchange {
  readonly status: number;
  /** request start to the end of the response, ms */
  readonly ms: number;
  /** request start to the first response body bytes, ms (-1 when the body was empty) */
  readonly firstByteMs: number;
  readonly body?: string;
}

export function keepAliveAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

/** One request; with `onFirstByte`, called when the first body bytes arrive (streams stay open until the end). */
export function exchange(
  agent: Agent,
  endpoint: Endpoint,
  options: { keepBody?: boolean; onFirstByte?: () => void } = {},
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port: endpoint.port,
        path: endpoint.path,
        method: 'POST',
        agent,
        headers: { ...endpoint.headers, 'content-length': endpoint.body.length },
      },
      (res) => {
        let firstByteMs = -1;
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => {
          if (firstByteMs < 0) {
            firstByteMs = performance.now() - start;
            options.onFirstByte?.();
          }
          if (options.keepBody) parts.push(part);
        });
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - start,
            firstByteMs,
            ...(options.keepBody ? { body: Buffer.concat(parts).toString('utf8') } : {}),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(endpoint.body);
  });
}

export interface LoopResult {
  readonly completed: number;
  readonly errors: number;
  readonly seconds: number;
  readonly firstError?: string;
}

/** `concurrency` workers, each looping until the deadline or until `total` requests were started. */
export async function closedLoop(endpoint: Endpoint, concurrency: number, limit: { ms?: number; total?: number }): Promise<LoopResult> {
  const agent = keepAliveAgent(concurrency);
  const start = performance.now();
  const deadline = limit.ms === undefined ? Infinity : start + limit.ms;
  const total = limit.total ?? Infinity;
  let started = 0;
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;
  const worker = async (): Promise<void> => {
    while (started < total && performance.now() < deadline) {
      started++;
      try {
        const result = await exchange(agent, endpoint);
        if (result.status === 200) completed++;
        else {
          errors++;
          firstError ??= `HTTP ${result.status}`;
        }
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { completed, errors, seconds, ...(firstError ? { firstError } : {}) };
}

/** `count` sequential requests (concurrency 1) on `agent`, their timings. */
export async function sequential(agent: Agent, endpoint: Endpoint, count: number): Promise<Exchange[]> {
  const results: Exchange[] = [];
  for (let i = 0; i < count; i++) results.push(await exchange(agent, endpoint));
  return results;
}

export interface OpenStreams {
  /** streams that got their first bytes */
  readonly opened: number;
  /** settles when every stream has ended (or failed) */
  readonly ended: Promise<{ completed: number; errors: number }>;
}

/**
 * Open `count` streams, `batch` at a time (each batch waits for the first bytes of all its
 * streams), one connection each, and leave them open: the slow-stream memory test.
 */
export async function openStreams(endpoint: Endpoint, count: number, batch: number): Promise<OpenStreams> {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  let opened = 0;
  const endings: Promise<boolean>[] = [];
  for (let first = 0; first < count; first += batch) {
    const firstBytes: Promise<void>[] = [];
    for (let i = first; i < Math.min(count, first + batch); i++) {
      let markOpen!: () => void;
      firstBytes.push(new Promise<void>((resolve) => (markOpen = resolve)));
      const ending = exchange(agent, endpoint, {
        onFirstByte: () => {
          opened++;
          markOpen();
        },
      }).then(
        (result) => result.status === 200,
        () => false,
      );
      // A stream that fails before its first byte must not stall the batch.
      void ending.then(() => markOpen());
      endings.push(ending);
    }
    await Promise.all(firstBytes);
  }
  const ended = Promise.all(endings).then((outcomes) => {
    agent.destroy();
    const completed = outcomes.filter(Boolean).length;
    return { completed, errors: outcomes.length - completed };
  });
  return { opened, ended };
}
