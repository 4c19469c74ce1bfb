/**
 * Azure OpenAI is followed by its `api-version`: the proxy speaks `specs/openai.yaml` to it and
 * pins one stable data-plane version. Drift is a newer stable version upstream, or ours gone.
 */
import { readdir } from 'node:fs/promises';
import type { Drift } from './spec-drift';
import { isUrl, loadText } from './load-document';

/** Stable versions from a local `stable/` folder, or from the GitHub contents API listing of it. */
export async function stableVersions(source: string): Promise<string[]> {
  const names = isUrl(source)
    ? (JSON.parse(await loadText(source)) as Array<{ name: string; type: string }>).filter((e) => e.type === 'dir').map((e) => e.name)
    : (await readdir(source, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  return names.filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n)).sort();
}

export function apiVersionDrift(ours: string, stable: readonly string[]): Drift[] {
  const newest = stable.at(-1);
  const drifts: Drift[] = [];
  if (!stable.includes(ours))
    drifts.push({ kind: 'version-changed', where: 'api-version', detail: `${ours} is not a stable version upstream` });
  if (newest && newest > ours)
    drifts.push({ kind: 'version-changed', where: 'api-version', detail: `upstream's newest stable is ${newest}, ours ${ours}` });
  return drifts;
}
