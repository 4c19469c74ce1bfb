/**
 * `npm run specs:check -- --upstream <file-or-url> [--spec specs/openai.yaml]`: lists drift between
 * one of our subsets and the vendor's current document, so upstream changes are seen and decided.
 * Exits 1 when there is drift and `--strict` is given.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { specDrift } from './spec-drift';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function load(source: string): Promise<Record<string, unknown>> {
  const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : await readFile(source, 'utf8');
  return parse(text, { maxAliasCount: -1 }) as Record<string, unknown>;
}

const upstream = arg('upstream');
if (!upstream) {
  console.error('usage: npm run specs:check -- --upstream <file-or-url> [--spec specs/openai.yaml] [--strict]');
  process.exit(2);
}
const guess = /ollama/i.test(upstream) ? 'specs/ollama.yaml' : 'specs/openai.yaml';
const spec = arg('spec') ?? guess;
const drifts = specDrift(await load(spec), await load(upstream));
console.log(`${basename(spec)} vs ${upstream}: ${drifts.length} difference(s)`);
for (const d of drifts) console.log(`  ${d.kind.padEnd(26)} ${d.where}: ${d.detail}`);
if (drifts.length && process.argv.includes('--strict')) process.exit(1);
