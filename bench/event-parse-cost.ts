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
 *   at once, most chunks come sooner after the one before: this is their worst case).
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

async function costAfterWait(data: string, parses: number, intervalMs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < parses; i++) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
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
  for (const format of FORMATS) {
    const data = contentEventData(format);
    hot[format] = hotCost(data, parses);
    afterWait[format] = await costAfterWait(data, pacedParses, intervalMs);
  }
  if (sink - before !== FORMATS.length * (parses * (ROUNDS + 1) + pacedParses)) throw new Error('event parse cost: a parse gave nothing');
  return { hot, afterWait };
}
