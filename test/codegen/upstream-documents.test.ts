/**
 * `npm run specs:check` covers every spec of ours, and the accepted drift in specs/known-drift.json
 * is exactly the drift against the reviewed vendor copies in ../shared/upstream-specs, which exist
 * only beside the project's own checkout (a user's clone has none: that part is skipped, saying so).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithKnown, readKnownDrift } from '../../codegen/known-drift';
import { applies, upstreamDocuments } from '../../codegen/upstream-documents';

const root = join(import.meta.dirname, '..', '..');
const shared = join(root, '..', 'shared', 'upstream-specs');

describe('the upstream document table', () => {
  it('has a row for every spec in specs/', () => {
    const specs = readdirSync(join(root, 'specs')).filter((f) => f.endsWith('.yaml'));
    expect(specs.map((f) => `specs/${f}`).filter((s) => !upstreamDocuments.some((r) => r.spec === s))).toEqual([]);
  });

  it('gives every row a live document to check, or says how the vendor is followed', () => {
    for (const row of upstreamDocuments) expect(row.followedBy ?? (row.check && row.live && row.shared), row.name).toBeTruthy();
  });
});

if (!existsSync(shared))
  console.warn(`skipping the reviewed-copy drift check: ${shared} is absent (it exists only beside the project's checkout)`);

describe.skipIf(!existsSync(shared))('against the reviewed copies in ../shared/upstream-specs', () => {
  const rows = upstreamDocuments.filter((r) => r.check && r.shared && applies(r, root));
  // OpenAI's document is 3 MB of YAML: parsing it takes seconds on a busy machine.
  it.each(rows.map((r) => [r.name, r] as const))(
    '%s drifts exactly as specs/known-drift.json says',
    { timeout: 60_000 },
    async (name, row) => {
      const known = await readKnownDrift(join(root, 'specs', 'known-drift.json'));
      const drifts = await row.check!(join(shared, row.shared!), root);
      expect(compareWithKnown(drifts, known[name])).toEqual({ added: [], gone: [] });
    },
  );
});
