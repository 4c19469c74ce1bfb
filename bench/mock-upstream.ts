/**
 * The loopback upstream every scenario ends at. It runs in the bench process (core 0, beside the
 * load generator) so the measured server on core 1 is the only thing competing for its core.
 *
 * Responses are serialized once at start-up: the mock should cost as little as possible per
 * request, and identical bytes for every scenario keep the comparison fair. It answers any path
 * ending in `/chat/completions` (OpenAI) or `/messages` (Anthropic, for the translating scenarios
 * once the proxy has that family), streaming when the request body says `"stream": true`.
 *
 * How streams are paced is a mutable `mode`, set by bench/run.ts between phases: the proxy
 * forwards neither custom headers nor unknown fields, so the request cannot carry it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StreamMode {
  /** content chunks per stream, between the opening and closing events */
  readonly contentChunks: number;
  /** 0: next chunk on setImmediate (one write per chunk, as fast as possible); else ms between chunks */
  readonly intervalMs: number;
  /** keep sending until release() (up to contentChunks), for the open-streams memory test */
  readonly hold: boolean;
  /**
   * ms between the last event (`[DONE]`, `message_stop`) and the end of the body; unset: both in
   * one write. Real upstreams may leave that gap, and a proxy that stops reading at the last event
   * and cancels the body then loses the connection instead of returning it to its pool.
   */
  readonly endGapMs?: number;
}

export const QUICK_STREAM: StreamMode = { contentChunks: 5, intervalMs: 0, hold: false };

/** One upstream wire format: its non-streamed body and the three parts of a stream. */
interface WireFormat {
  readonly completion: Buffer;
  readonly streamContentType: string;
  /**
   * sent with the headers, so time to first chunk is not delayed by the mock; it carries the
   * first token, so every dialect has something to send on at once (an encoder may rightly hold
   * back a role-only chunk)
   */
  readonly open: Buffer;
  readonly content: Buffer;
  readonly close: Buffer;
}

const sse = (data: unknown, event?: string): string => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

const CREATED = 1_700_000_000;
const TEXT = 'This is a fixed answer from the benchmark mock upstream.';

function openaiFormat(): WireFormat {
  const base = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: 'gpt-4o-mini',
    system_fingerprint: 'fp_bench',
  };
  const chunk = (delta: object, finish: string | null): string =>
    sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  return {
    completion: Buffer.from(
      JSON.stringify({
        id: 'chatcmpl-bench',
        object: 'chat.completion',
        created: CREATED,
        model: 'gpt-4o-mini',
        system_fingerprint: 'fp_bench',
        choices: [{ index: 0, message: { role: 'assistant', content: TEXT, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 24, completion_tokens: 12, total_tokens: 36 },
      }),
    ),
    streamContentType: 'text/event-stream; charset=utf-8',
    open: Buffer.from(chunk({ role: 'assistant', content: 'Hello' }, null)),
    content: Buffer.from(chunk({ content: ' token' }, null)),
    close: Buffer.from(`${chunk({}, 'stop')}data: [DONE]\n\n`),
  };
}

function anthropicFormat(): WireFormat {
  const model = 'claude-sonnet-4-5';
  return {
    completion: Buffer.from(
      JSON.stringify({
        id: 'msg_bench',
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text: TEXT }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 24, output_tokens: 12 },
      }),
    ),
    streamContentType: 'text/event-stream; charset=utf-8',
    open: Buffer.from(
      sse(
        {
          type: 'message_start',
          message: {
            id: 'msg_bench',
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 24, output_tokens: 1 },
          },
        },
        'message_start',
      ) +
        sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start') +
        sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } }, 'content_block_delta'),
    ),
    content: Buffer.from(
      sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' token' } }, 'content_block_delta'),
    ),
    close: Buffer.from(
      sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop') +
        sse(
          { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 12 } },
          'message_delta',
        ) +
        sse({ type: 'message_stop' }, 'message_stop'),
    ),
  };
}

/** The upstream wire formats the mock speaks. */
export type UpstreamFormat = 'openai' | 'anthropic';

const WIRE: Readonly<Record<UpstreamFormat, WireFormat>> = { openai: openaiFormat(), anthropic: anthropicFormat() };

const FORMATS: ReadonlyArray<readonly [suffix: string, format: WireFormat]> = [
  ['/chat/completions', WIRE.openai],
  ['/messages', WIRE.anthropic],
];

/** The JSON of one content event of a stream in `format` (its `data:` line), as a proxy reads it. */
export function contentEventData(format: UpstreamFormat): string {
  const line = WIRE[format].content
    .toString('utf8')
    .split('\n')
    .find((l) => l.startsWith('data: '));
  if (!line) throw new Error(`mock: the ${format} content event has no data line`);
  return line.slice('data: '.length);
}

export class MockUpstream {
  mode: StreamMode = QUICK_STREAM;
  /** TCP connections accepted since start: new upstream connections a phase made are the difference */
  connections = 0;
  /** finishers of streams held open by `hold` mode */
  private readonly held = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<MockUpstream> {
    let mock: MockUpstream | undefined;
    const server = createServer({ noDelay: true }, (req, res) => mock!.handle(req, res));
    // Longer than any pause between phases, so the upstream pools of the servers under test are
    // not reconnecting in the middle of a measurement.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    mock = new MockUpstream(server, (server.address() as AddressInfo).port);
    server.on('connection', () => mock!.connections++);
    return mock;
  }

  get openStreams(): number {
    return this.held.size;
  }

  /** End every held stream now (and stop holding new ones). */
  release(): void {
    this.mode = { ...this.mode, hold: false };
    for (const finish of [...this.held]) finish();
  }

  close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const format = FORMATS.find(([suffix]) => path.endsWith(suffix))?.[1];
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      if (!format) return void res.writeHead(404, { 'content-type': 'text/plain' }).end(`mock: no route for ${path}`);
      let stream = false;
      try {
        stream = (JSON.parse(Buffer.concat(parts).toString('utf8')) as { stream?: unknown }).stream === true;
      } catch {
        return void res.writeHead(400, { 'content-type': 'text/plain' }).end('mock: body is not JSON');
      }
      if (!stream) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': format.completion.length });
        res.end(format.completion);
        return;
      }
      this.stream(res, format, this.mode);
    });
  }

  private stream(res: ServerResponse, format: WireFormat, mode: StreamMode): void {
    res.writeHead(200, { 'content-type': format.streamContentType, 'cache-control': 'no-cache' });
    res.write(format.open);
    let sent = 0;
    let done = false;
    let cancel = (): void => undefined;
    const stop = (): void => {
      done = true;
      cancel();
      this.held.delete(finish);
    };
    const finish = (): void => {
      if (done) return;
      stop();
      if (mode.endGapMs === undefined) return void res.end(format.close);
      res.write(format.close);
      const end = setTimeout(() => res.end(), mode.endGapMs);
      res.once('close', () => clearTimeout(end));
    };
    const schedule = (): void => {
      if (mode.intervalMs === 0) {
        const handle = setImmediate(next);
        cancel = () => clearImmediate(handle);
      } else {
        const handle = setTimeout(next, mode.intervalMs);
        cancel = () => clearTimeout(handle);
      }
    };
    const next = (): void => {
      if (done) return;
      const holding = mode.hold && this.held.has(finish);
      if (sent < mode.contentChunks && (holding || !mode.hold)) {
        res.write(format.content);
        sent++;
        schedule();
      } else if (!holding) {
        finish();
      }
      // else: held and at the safety cap; wait for release()
    };
    res.on('close', stop);
    if (mode.hold) this.held.add(finish);
    schedule();
  }
}
