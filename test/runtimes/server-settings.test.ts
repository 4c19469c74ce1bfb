import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverSettings } from '../../src/runtimes/server-settings';

describe('serverSettings (Node, Bun and Deno alike)', () => {
  const devVars = join(mkdtempSync(join(tmpdir(), 'settings-')), '.dev.vars');
  writeFileSync(devVars, 'OPENAI_API_KEY=from-file\nPORT=9000\n');

  it('reads .dev.vars, the environment winning, and listens on PORT and HOST', () => {
    const settings = serverSettings({ OPENAI_API_KEY: 'from-env', HOST: '0.0.0.0' }, devVars);
    expect(settings).toMatchObject({ port: 9000, hostname: '0.0.0.0', env: { OPENAI_API_KEY: 'from-env' } });
    expect(Object.isFrozen(settings.env)).toBe(true);
  });

  it('defaults to 127.0.0.1:8787, empty values counting as unset', () => {
    expect(serverSettings({ PORT: '', HOST: '' }, join(devVars, 'missing'))).toMatchObject({ port: 8787, hostname: '127.0.0.1' });
  });

  it('refuses a PORT that is not a port, naming it', () => {
    expect(() => serverSettings({ PORT: 'http' }, devVars)).toThrow(/PORT must be a port number/);
  });
});
