/**
 * Carried reasoning's sealed form is the prefix and base64 of the UTF-8 JSON, so values sealed by
 * an earlier version still open; it is built a block of bytes at a time, so long values with
 * multi-byte characters across the blocks' edges are what this checks.
 */
import { describe, expect, it } from 'vitest';
import { openReasoning, sealReasoning } from '../../src/core/carried-reasoning';

/** Long enough for several blocks, with two-, three- and four-byte characters throughout. */
const carried = {
  text: 'Thinking é — 😀 about it. '.repeat(900),
  details: [{ type: 'reasoning.text', text: 'ß'.repeat(3000), signature: 'EqQBCkgIARAB'.repeat(100) }],
  signatures: { call_1: 'c2lnbmF0dXJl' },
};

describe('carried reasoning', () => {
  it('seals as the prefix and base64 of the UTF-8 JSON', () => {
    expect(sealReasoning(carried)).toBe(`llm-api-proxy.v1.${Buffer.from(JSON.stringify(carried)).toString('base64')}`);
  });

  it('opens what it sealed', () => {
    expect(openReasoning(sealReasoning(carried))).toEqual(carried);
    expect(openReasoning(sealReasoning({ text: 'é' }))).toEqual({ text: 'é' });
  });

  it("opens nothing of another's or damaged", () => {
    expect(openReasoning('gAAAAABo-openai-encrypted')).toBeUndefined();
    expect(openReasoning('llm-api-proxy.v1.not base64!')).toBeUndefined();
    expect(openReasoning(`llm-api-proxy.v1.${btoa('[1')}`)).toBeUndefined();
    expect(openReasoning(null)).toBeUndefined();
  });
});
