/**
 * `npm run specs:check [-- --only <name>] [--upstream <file-or-url>] [--shared <dir>] [--strict] [--accept]`
 *
 * Compares each of our specs (and Azure's api-version) with the vendor's document, one row of
 * codegen/upstream-documents.ts each: by default the vendor's live document, with `--shared` the
 * reviewed copies in that folder (../shared/upstream-specs), with `--upstream` one given document
 * for the `--only` row. Drift not in specs/known-drift.json is marked `+`, accepted drift that is
 * gone `-`; `--strict` exits 1 on either, `--accept` records the current drift as known.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareWithKnown, driftLine, readKnownDrift, writeKnownDrift } from './known-drift';
import { applies, upstreamDocuments, type UpstreamDocument } from './upstream-documents';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const knownFile = join(root, 'specs', 'known-drift.json');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `--only`, or the older `--spec specs/ollama.yaml`, or a row named in the `--upstream` source. */
function selectedRows(upstream: string | undefined): UpstreamDocument[] {
  const only =
    arg('only') ??
    arg('spec')
      ?.replace(/^.*\//, '')
      .replace(/\.yaml$/, '');
  const guessed = upstream && !only ? (upstreamDocuments.find((r) => r.spec && upstream.includes(r.name))?.name ?? 'openai') : undefined;
  const name = only ?? guessed;
  if (!name) return upstreamDocuments;
  const row = upstreamDocuments.find((r) => r.name === name);
  if (!row) throw new Error(`no row named ${name} in codegen/upstream-documents.ts`);
  return [row];
}

async function sourceOf(row: UpstreamDocument, upstream: string | undefined, shared: string | undefined): Promise<string | undefined> {
  if (upstream) return upstream;
  if (shared) return row.shared && join(shared, row.shared);
  return typeof row.live === 'function' ? row.live() : row.live;
}

const upstream = arg('upstream');
const shared = arg('shared');
const known = await readKnownDrift(knownFile);
let changed = 0;
let failed = 0;
for (const row of selectedRows(upstream)) {
  if (row.followedBy || !row.check) {
    console.log(`${row.name}: not checked. ${row.followedBy ?? ''}`);
    continue;
  }
  if (!applies(row, root)) {
    console.log(`${row.name}: not checked, there is no ${row.spec} yet`);
    continue;
  }
  try {
    const source = await sourceOf(row, upstream, shared);
    if (!source) throw new Error('no document to compare with');
    const drifts = await row.check(source, root);
    const { added, gone } = compareWithKnown(drifts, known[row.name]);
    changed += added.length + gone.length;
    console.log(`${row.name} vs ${source}: ${drifts.length} difference(s), ${added.length} new, ${gone.length} gone`);
    for (const line of drifts.map(driftLine).sort()) console.log(`  ${added.includes(line) ? '+' : ' '} ${line}`);
    for (const line of gone) console.log(`  - ${line}`);
    if (process.argv.includes('--accept')) known[row.name] = drifts.map(driftLine).sort();
  } catch (error) {
    failed += 1;
    console.error(`${row.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (process.argv.includes('--accept')) await writeKnownDrift(knownFile, known);
if (failed) process.exit(2);
if (changed && process.argv.includes('--strict')) {
  console.error(`${changed} change(s) against specs/known-drift.json: decide each (docs/maintaining.md), then --accept`);
  process.exit(1);
}
