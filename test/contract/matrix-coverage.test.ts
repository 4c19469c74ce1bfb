/** The contract matrix is complete: every registered provider has a fixture for every case. */
import { describe, expect, it } from 'vitest';
import { definitions } from '../../src/providers/definitions';
import { CONTRACT_CASES, fixtureCases, fixtureProviders } from '../helpers/fixtures';

describe('contract matrix', () => {
  it('has a fixture folder for every provider and no stray ones', () => {
    expect(fixtureProviders()).toEqual(definitions.map((d) => d.id).sort());
  });

  for (const def of definitions) {
    it(`${def.id} covers ${CONTRACT_CASES.join(', ')}`, () => {
      const present = new Set(fixtureProviders().includes(def.id) ? fixtureCases(def.id) : []);
      const missing = CONTRACT_CASES.filter((name) => !present.has(name));
      expect(missing).toEqual([]);
    });
  }
});
