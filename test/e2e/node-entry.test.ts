/**
 * The Node entry itself (loopback only): the environment wins over .dev.vars, and a body over
 * MAX_BODY_BYTES gets its 413, not a reset, whatever the Connection header says.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_KEY } from '../helpers/test-env';
import { startNodeProxy, type RunningProxy } from '../helpers/start-proxy';

describe('Node entry', () => {
  let proxy: RunningProxy;
  const cwd = process.cwd();

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-dev-vars-'));
    writeFileSync(join(dir, '.dev.vars'), 'OPENAI_MODELS=from-dev-vars\nDEEPSEEK_API_KEY=from-dev-vars\n');
    process.chdir(dir);
    try {
      proxy = await startNodeProxy({
        API_KEY: PROXY_KEY,
        OPENAI_API_KEY: 'test-openai-key',
        OPENAI_MODELS: 'from-env',
        MAX_BODY_BYTES: '1000',
      });
    } finally {
      process.chdir(cwd);
    }
  });
  afterAll(() => proxy?.stop());

  it('reads .dev.vars, and the environment wins over it', async () => {
    const response = await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${PROXY_KEY}` } });
    const ids = ((await response.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id);
    expect(ids).toContain('from-env');
    expect(ids).not.toContain('from-dev-vars');
    expect(ids).toContain('deepseek-chat');
  });

  it.each(['close', 'keep-alive'])('answers an oversized body with 413 (Connection: %s), read to its end first', async (connection) => {
    const body = 'x'.repeat(64 * 1024 * 1024);
    const { port } = new URL(proxy.url);
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      socket.on('data', (data) => (received += data));
      // A client still sending when the connection closes gets EPIPE or ECONNRESET: the 413 is lost to it.
      let failure = '';
      socket.on('error', (error) => (failure = `${(error as NodeJS.ErrnoException).code}: `));
      socket.on('close', () => resolve(failure + received.split('\r\n')[0]));
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\nAuthorization: Bearer ${PROXY_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: ${connection}\r\n\r\n`,
      );
      socket.write(body, () => connection === 'keep-alive' && setTimeout(() => socket.end(), 200));
    });
    expect(outcome).toBe('HTTP/1.1 413 Payload Too Large');
  });
});
