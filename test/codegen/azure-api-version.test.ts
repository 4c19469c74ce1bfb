import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiVersionDrift, stableVersions } from '../../codegen/azure-api-version';

describe("Azure's api-version", () => {
  it('reads the stable versions from a folder, newest last, ignoring what is not a date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'azure-stable-'));
    for (const name of ['2024-10-21', '2024-02-01', 'readme']) mkdirSync(join(dir, name));
    expect(await stableVersions(dir)).toEqual(['2024-02-01', '2024-10-21']);
  });

  it('is drift when upstream has a newer stable version or lost ours', () => {
    expect(apiVersionDrift('2024-10-21', ['2024-02-01', '2024-10-21'])).toEqual([]);
    expect(apiVersionDrift('2024-10-21', ['2024-10-21', '2025-06-01']).map((d) => d.detail)).toEqual([
      "upstream's newest stable is 2025-06-01, ours 2024-10-21",
    ]);
    expect(apiVersionDrift('2023-05-15', ['2024-10-21']).map((d) => d.detail)).toEqual([
      '2023-05-15 is not a stable version upstream',
      "upstream's newest stable is 2024-10-21, ours 2023-05-15",
    ]);
  });
});
