/**
 * The drift a maintainer has seen and accepted, per upstream document (`specs/known-drift.json`,
 * written by `npm run specs:check -- --accept`). The scheduled check fails on any difference from
 * it: drift that is new, and accepted drift that is gone (upstream or our subset moved).
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Drift } from './spec-drift';

export type KnownDrift = Record<string, string[]>;

export const driftLine = (d: Drift): string => `${d.kind} ${d.where}: ${d.detail}`;

export async function readKnownDrift(file: string): Promise<KnownDrift> {
  return JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as KnownDrift;
}

export async function writeKnownDrift(file: string, known: KnownDrift): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(known).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

export function compareWithKnown(current: readonly Drift[], known: readonly string[] = []): { added: string[]; gone: string[] } {
  const lines = new Set(current.map(driftLine));
  return { added: [...lines].filter((l) => !known.includes(l)).sort(), gone: known.filter((l) => !lines.has(l)).sort() };
}
