/**
 * The floor under the CPU-per-chunk targets: what one `JSON.parse` of a content event costs, for
 * each upstream format the mock speaks. Every proxy that reads a stream's events (to translate
 * them, or to check, normalize and count them) pays it per chunk before doing anything with the
 * event; only a proxy that forwards the bytes unread does not. Measured in the bench process,
 * warmed up, as CPU time: the median of ROUNDS rounds of PARSES parses.
 */
import { contentEventData, type UpstreamFormat } from './mock-upstream';
import { median } from './stats';

const ROUNDS = 5;

export function eventParseCost(smoke: boolean): Record<UpstreamFormat, number> {
  const parses = smoke ? 1_000 : 100_000;
  const cost = (data: string): number => {
    let sink = 0;
    for (let i = 0; i < parses; i++) sink += (JSON.parse(data) as object) ? 1 : 0;
    const rounds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = process.cpuUsage();
      for (let i = 0; i < parses; i++) sink += (JSON.parse(data) as object) ? 1 : 0;
      const used = process.cpuUsage(before);
      rounds.push((used.user + used.system) / parses);
    }
    // Read, so the parses cannot be optimized away.
    if (sink !== parses * (ROUNDS + 1)) throw new Error('event parse cost: a parse gave nothing');
    return median(rounds);
  };
  return { openai: cost(contentEventData('openai')), anthropic: cost(contentEventData('anthropic')) };
}
