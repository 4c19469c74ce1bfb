/**
 * The floor under the CPU-per-chunk targets: what one `JSON.parse` of a content event costs, for
 * each upstream format the mock speaks. Every proxy that reads a stream's events (to translate
 * them, or to check, normalize and count them) pays it per chunk before doing anything with the
 * event; only a proxy that forwards the bytes unread does not. Measured in the bench process,
 * warmed up, two ways:
 * - back to back, as CPU time: the median of ROUNDS rounds of PARSES parses (the burst floor);
 * - one parse after each wait of the paced streams' interval, as the time of that parse alone:
 *   the median of the paced parses. A chunk that comes alone after such a wait finds the caches
 *   cold, and on some machines that costs several times the hot parse (with several paced streams
 *   at once, most chunks come sooner after the one before: this is their worst case);
 * - one parse after each stretch of the same length spent busy in a loop that touches no memory,
 *   timed the same way: what the interval costs when the thread does not go to sleep. Where this
 *   is near the hot figure and the wait's is not, the cold caches come from sleeping (on a VM, the
 *   core's leaving the guest), not from the time that went by or from what the proxy runs.
 */
import { contentEventData, type UpstreamFormat } from './mock-upstream';
import { median } from './stats';

const ROUNDS = 5;
const FORMATS: readonly UpstreamFormat[] = ['openai', 'anthropic'];

export interface EventParseCost {
  /** back to back, µs of CPU per parse */
  readonly hot: Record<UpstreamFormat, number>;
  /** one parse after each wait of `intervalMs`, µs */
  readonly afterWait: Record<UpstreamFormat, number>;
  /** one parse after each `intervalMs` of busy work on the same thread, µs */
  readonly afterBusy: Record<UpstreamFormat, number>;
}

/** Read, so the parses cannot be optimized away. */
let sink = 0;
const parse = (data: string): void => {
  sink += (JSON.parse(data) as object) ? 1 : 0;
};

function hotCost(data: string, parses: number): number {
  for (let i = 0; i < parses; i++) parse(data);
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < parses; i++) parse(data);
    const used = process.cpuUsage(before);
    rounds.push((used.user + used.system) / parses);
  }
  return median(rounds);
}

/** A loop that keeps the thread busy without touching memory; what it computes is kept, so it is not optimized away. */
let spun = 0;
const spin = (turns: number): void => {
  let x = spun;
  for (let i = 0; i < turns; i++) x = (x * 1103515245 + 12345) | 0;
  spun = x;
};

/** How many turns of `spin` take `ms`, measured after a warm-up. */
function turnsFor(ms: number): number {
  spin(1e7);
  const turns = 1e8;
  const start = performance.now();
  spin(turns);
  return Math.round((turns * ms) / (performance.now() - start));
}

/** The median time of one parse, each after `pause`. */
async function costAfter(data: string, parses: number, pause: () => Promise<void> | void): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < parses; i++) {
    await pause();
    const start = process.hrtime.bigint();
    parse(data);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return median(samples);
}

export async function eventParseCost(smoke: boolean, intervalMs: number): Promise<EventParseCost> {
  const parses = smoke ? 1_000 : 100_000;
  const pacedParses = smoke ? 20 : 1_000;
  const before = sink;
  const hot = {} as Record<UpstreamFormat, number>;
  const afterWait = {} as Record<UpstreamFormat, number>;
  const afterBusy = {} as Record<UpstreamFormat, number>;
  const turns = turnsFor(intervalMs);
  for (const format of FORMATS) {
    const data = contentEventData(format);
    hot[format] = hotCost(data, parses);
    afterWait[format] = await costAfter(data, pacedParses, () => new Promise((resolve) => setTimeout(resolve, intervalMs)));
    afterBusy[format] = await costAfter(data, pacedParses, () => spin(turns));
  }
  if (sink - before !== FORMATS.length * (parses * (ROUNDS + 1) + 2 * pacedParses))
    throw new Error('event parse cost: a parse gave nothing');
  return { hot, afterWait, afterBusy };
}
