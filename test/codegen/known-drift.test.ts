import { describe, expect, it } from 'vitest';
import { compareWithKnown, driftLine } from '../../codegen/known-drift';
import type { Drift } from '../../codegen/spec-drift';

const drift = (where: string): Drift => ({ kind: 'field-added-upstream', where, detail: 'upstream has it, our subset does not' });

describe('compareWithKnown', () => {
  it('reports drift not yet accepted and accepted drift that is gone, and nothing when they agree', () => {
    const known = [driftLine(drift('A.kept')), driftLine(drift('A.gone'))];
    expect(compareWithKnown([drift('A.kept'), drift('A.new')], known)).toEqual({
      added: [driftLine(drift('A.new'))],
      gone: [driftLine(drift('A.gone'))],
    });
    expect(compareWithKnown([drift('A.kept'), drift('A.gone')], known)).toEqual({ added: [], gone: [] });
  });

  it('treats a document with no accepted drift as all new', () => {
    expect(compareWithKnown([drift('A.x')], undefined).added).toEqual([driftLine(drift('A.x'))]);
  });
});
