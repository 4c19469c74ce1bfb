/** The Workers entry under real workerd: `wrangler dev` started by its node script (not npx). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServerProcess, type RunningProxy } from './server-process';

export async function startWranglerDev(vars: Record<string, string>, timeoutMs = 45000): Promise<RunningProxy> {
  const port = await freePort();
  const inspector = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wrangler-e2e-'));
  const envFile = join(dir, '.env');
  // Single quotes: dotenv takes the value literally (a key pasted with literal \n stays that way).
  writeFileSync(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}='${v}'`)
      .join('\n'),
  );
  return startServerProcess({
    name: 'wrangler dev',
    command: process.execPath,
    args: [
      'node_modules/wrangler/bin/wrangler.js',
      'dev',
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--inspector-port',
      String(inspector),
      '--env-file',
      envFile,
      '--persist-to',
      join(dir, 'state'),
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ],
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', NO_COLOR: '1' },
    port,
    timeoutMs,
  });
}
