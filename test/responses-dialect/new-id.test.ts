import { describe, expect, it } from 'vitest';
import { newId } from '../../src/dialects/openai-responses/new-id';

describe('newId', () => {
  it('gives OpenAI-style ids, none repeated across refills of its pool of random bytes', () => {
    const ids = Array.from({ length: 1000 }, () => newId('msg'));
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-f]{48}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newId('resp')).toMatch(/^resp_[0-9a-f]{48}$/);
  });
});
