/**
 * `npm run build`'s Node entry as users run it: from a directory whose path has spaces, with no
 * node_modules beside it (the container image has none), alone or as a NODE_WORKERS cluster.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntries } from '../../scripts/build';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-openai-upstream';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { PROXY_KEY } from '../helpers/test-env';

const ROOT = join(import.meta.dirname, '..', '..');
const app = join(mkdtempSync(join(tmpdir(), 'built entry ')), 'my proxy');
let upstream: MockUpstream;

beforeAll(async () => {
  await buildEntries(join(app, 'dist'), ['node']);
  writeFileSync(join(app, 'package.json'), readFileSync(join(ROOT, 'package.json')));
  upstream = await startMockUpstream();
});
afterAll(() => upstream?.close());

async function start(entry: string, extra: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const env = { PATH: process.env.PATH, API_KEY: PROXY_KEY, OPENAI_API_KEY: 'test-openai-key', OPENAI_BASE_URL: `${upstream.url}/v1` };
  return startServerProcess({
    name: entry,
    command: process.execPath,
    args: [entry],
    cwd: app,
    port,
    env: { ...env, ...extra, PORT: String(port) },
  });
}

async function chat(proxy: ServerProcess): Promise<unknown> {
  const response = await fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] }),
  });
  return ((await response.json()) as { choices: Array<{ message: unknown }> }).choices[0]?.message;
}

describe('the built Node entry (dist/node.js)', () => {
  it('serves from a path with spaces and no node_modules, and reports its providers', async () => {
    const proxy = await start(join(app, 'dist', 'node.js'));
    try {
      expect(await chat(proxy)).toMatchObject({ content: 'echo: "ping"' });
      expect(proxy.output()).toContain(`llm-api-proxy listening on ${proxy.url}`);
      expect(proxy.output()).toMatch(/ {2}openai: \d+ models/);
      expect(proxy.output()).not.toContain('test-openai-key');
    } finally {
      await proxy.stop();
    }
  });

  it('starts through a bin symlink, as npx runs it', async () => {
    mkdirSync(join(app, '.bin'), { recursive: true });
    symlinkSync(join(app, 'dist', 'node.js'), join(app, '.bin', 'llm-api-proxy'));
    const proxy = await start(join(app, '.bin', 'llm-api-proxy'));
    await proxy.stop();
    expect(proxy.output()).toContain('listening on');
  });

  it('forks NODE_WORKERS processes sharing the port, reported once, all stopped together', async () => {
    const proxy = await start(join(app, 'dist', 'node.js'), { NODE_WORKERS: '2' });
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, () => chat(proxy)));
      expect(answers).toHaveLength(8);
      expect(proxy.output()).toContain(`listening on ${proxy.url} (2 workers)`);
      expect(proxy.output().match(/listening on/g)).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').filter(Boolean);

  it('copies from the build context only files that exist and are not ignored', () => {
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
    expect(copies.length).toBeGreaterThan(3);
    for (const source of copies) {
      expect(existsSync(join(ROOT, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
  });

  it('runs the entry npm run build writes, as a non-root user, with a health check on GET /', () => {
    expect(dockerfile).toContain('COPY --from=build /app/dist/node.js ./dist/node.js');
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/node.js"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*fetch\('http:\/\/127\.0\.0\.1:' \+ process\.env\.PORT \+ '\/'\)/);
  });
});
