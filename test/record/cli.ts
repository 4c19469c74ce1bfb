/**
 * `npm run fixtures:record -- --provider groq --case text`: refreshes the upstream half of one
 * fixture from the live API with the keys in the environment (or .dev.vars), sending the
 * fixture's own client request. A new case starts as a hand-written `request` and `expect`.
 */
import { join } from 'node:path';
import { loadDevVars } from '../../src/runtimes/load-dev-vars';
import { FIXTURES_DIR } from '../helpers/fixtures';
import { recordFixture } from './record-fixture';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const provider = arg('provider');
const name = arg('case');
if (!provider || !name) {
  console.error('usage: npm run fixtures:record -- --provider <id> --case <name>');
  process.exit(2);
}
const env = Object.fromEntries(
  Object.entries({ ...loadDevVars('.dev.vars'), ...process.env }).filter((e): e is [string, string] => typeof e[1] === 'string'),
);
const fixture = await recordFixture({ provider, name, env, dir: FIXTURES_DIR });
console.log(
  `wrote the upstream half of ${join(FIXTURES_DIR, provider, `${name}.json`)} (upstream ${fixture.upstream.response.status ?? 200}); ` +
    'run `npm test`: a failing contract test means the vendor changed what a client sees; review `expect` by hand',
);
