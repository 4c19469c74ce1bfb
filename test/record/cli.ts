/**
 * `npm run fixtures:record -- --provider groq --case text [--request request.json]`: refreshes one
 * fixture from the live API with the keys in the environment (or .dev.vars). Without --request
 * the existing fixture's client request is sent again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDevVars } from '../../src/runtimes/load-dev-vars';
import { FIXTURES_DIR, loadFixture } from '../helpers/fixtures';
import { recordFixture } from './record-fixture';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const provider = arg('provider');
const name = arg('case');
if (!provider || !name) {
  console.error('usage: npm run fixtures:record -- --provider <id> --case <name> [--request request.json]');
  process.exit(2);
}
const file = arg('request');
const request = file ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : loadFixture(provider, name).request;
const env = Object.fromEntries(
  Object.entries({ ...loadDevVars('.dev.vars'), ...process.env }).filter((e): e is [string, string] => typeof e[1] === 'string'),
);
const fixture = await recordFixture({ provider, name, request, env, dir: FIXTURES_DIR });
console.log(
  `wrote ${join(FIXTURES_DIR, provider, `${name}.json`)} (upstream ${fixture.upstream.response.status ?? 200}); review the diff before committing`,
);
