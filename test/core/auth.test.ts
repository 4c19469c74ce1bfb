/**
 * The proxy key check: a key is accepted exactly when it equals one of the configured keys, code
 * unit for code unit, whatever its length or characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/core/auth';

const accepted = (presented: string, keys: readonly string[]): boolean => {
  try {
    authorize(presented, keys);
    return true;
  } catch {
    return false;
  }
};

describe('authorize', () => {
  it('accepts a key exactly when it is one of the configured keys', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1 }),
        fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 4 }),
        (presented, keys) => {
          expect(accepted(presented, keys)).toBe(keys.includes(presented));
          expect(accepted(presented, [...keys, presented])).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('tells apart keys that differ only in a lone surrogate (UTF-8 would make both U+FFFD)', () => {
    expect(accepted('key-\uD800', ['key-\uDC00'])).toBe(false);
    expect(accepted('key-\uD800', ['key-\uD800'])).toBe(true);
  });

  it('refuses a prefix, an extension and an empty configured key', () => {
    expect(accepted('secret', ['secret1'])).toBe(false);
    expect(accepted('secret1', ['secret'])).toBe(false);
    expect(accepted('s', [''])).toBe(false);
  });
});
