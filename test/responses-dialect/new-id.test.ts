import { describe, expect, it } from 'vitest';
import { newId } from '../../src/dialects/openai-responses/new-id';
import { collectGarbage } from '../helpers/collected';

describe('newId', () => {
  it('gives OpenAI-style ids, none repeated across refills of its pool of random bytes', () => {
    const ids = Array.from({ length: 1000 }, () => newId('msg'));
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-f]{48}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newId('resp')).toMatch(/^resp_[0-9a-f]{48}$/);
  });

  it('makes each id one flat string: an open stream holds two, and a string built by 24 appends was a tree of 24 pieces', async () => {
    const perId = async (count: number) => {
      await collectGarbage();
      const before = process.memoryUsage().heapUsed;
      const held = Array.from({ length: count }, () => newId('msg'));
      await collectGarbage();
      return (process.memoryUsage().heapUsed - before) / held.length;
    };
    // About 100 bytes as one flat string of 48 digits and its prefix (plus the array's slot); as a tree of appends, about 700.
    expect(await perId(20_000)).toBeLessThan(200);
  });
});
