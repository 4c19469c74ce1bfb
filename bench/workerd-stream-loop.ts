/**
 * Where a streamed chunk's CPU goes under workerd: streams of SHORT and LONG content chunks
 * through each Worker kind (bench/workerd.ts), workerd's process CPU read from /proc around each
 * batch, and per chunk = (CPU of a LONG stream - CPU of a SHORT stream) / (LONG - SHORT), so what
 * a request costs once cancels out.
 *   passthrough: `return fetch(upstream)` (Pw), no JS per chunk
 *   relay: each upstream read handed through JS (one read(), one enqueue), nothing else
 *   tee: the upstream's bytes served untouched, a tee'd copy of each chunk read in JS
 *   identity: the relay, writing each chunk into a native IdentityTransformStream, not a JS stream
 *   coalesce: the relay, writing everything read since its last write as one chunk
 *   proxy: the proxy's Worker bundle (Xw)
 * The relay is the floor of any Worker that touches every chunk: what the proxy costs above it is
 * its own code; what the relay costs above the pass-through is workerd's JS streams, which tee
 * and coalesce split into reading a chunk in JS and serving one from JS.
 *
 *   npx tsx bench/workerd-stream-loop.ts [--streams N] [--interval ms] [--kind passthrough,relay,tee,identity,coalesce,proxy] [--env K=V,...] [--rounds N]
 * (`--interval 0`: the mock writes one chunk per setImmediate, the bench's "burst"; `--env`: extra proxy vars)
 */
import { parseArgs } from 'node:util';
import { MockUpstream } from './mock-upstream';
import { requestBody } from './scenarios';
import { startWorkerd, workerdUnavailable, type WorkerKind } from './workerd';

const { values: args } = parseArgs({
  options: {
    streams: { type: 'string', default: '300' },
    interval: { type: 'string', default: '0' },
    kind: { type: 'string', default: 'passthrough,relay,proxy' },
    env: { type: 'string', default: '' },
    rounds: { type: 'string', default: '1' },
  },
});
const STREAMS = Number(args.streams);
const INTERVAL = Number(args.interval);
const ROUNDS = Number(args.rounds);
const SHORT = 4;
const LONG = 64;
const WARM_UP = 30;
const API_KEY = 'bench-proxy-key';

const unavailable = workerdUnavailable();
if (unavailable) {
  console.error(`workerd-stream-loop: ${unavailable}`);
  process.exit(1);
}

const mock = await MockUpstream.start();
const upstream = `http://127.0.0.1:${mock.port}`;
const extra = Object.fromEntries(
  args.env
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
);
const env: Record<string, string> = {
  API_KEY,
  OPENAI_API_KEY: 'sk-bench-openai',
  OPENAI_BASE_URL: `${upstream}/v1`,
  LOG_LEVEL: 'off',
  ...extra,
};
const body = requestBody('gpt-4o-mini', true).toString('utf8');

async function streams(port: number, kind: WorkerKind, n: number): Promise<void> {
  // the pass-through Workers forward the path as it is: the mock answers any path ending in /chat/completions
  const path = kind === 'proxy' ? '/v1/chat/completions' : '/chat/completions';
  for (let i = 0; i < n; i++) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body,
    });
    const text = await response.text();
    if (!text.includes('data: [DONE]')) throw new Error(`${kind}: incomplete stream (${response.status}): ${text.slice(-300)}`);
  }
}

const kinds = args.kind.split(',') as WorkerKind[];
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of kinds) {
      const child = await startWorkerd({ kind, upstream, env });
      try {
        const perStream: Record<number, number> = {};
        for (const chunks of [SHORT, LONG]) {
          mock.mode = { contentChunks: chunks, intervalMs: INTERVAL, hold: false };
          await streams(child.port, kind, WARM_UP);
          const before = (await child.stats()).cpuUs;
          await streams(child.port, kind, STREAMS);
          perStream[chunks] = ((await child.stats()).cpuUs - before) / STREAMS;
        }
        const perChunk = (perStream[LONG]! - perStream[SHORT]!) / (LONG - SHORT);
        console.log(
          `${kind.padEnd(12)} interval ${INTERVAL} ms: ${perStream[SHORT]!.toFixed(0)} µs/stream of ${SHORT}, ` +
            `${perStream[LONG]!.toFixed(0)} µs/stream of ${LONG}, ${perChunk.toFixed(1)} µs/chunk`,
        );
      } finally {
        await child.stop();
      }
    }
  }
} finally {
  await mock.close();
}
