/** One JSON access log line per request, through the real handler against a loopback upstream. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handle } from '../../src/app';
import { accessLogLine } from '../../src/dispatch/access-log';
import { startFaultyUpstream, type FaultyUpstream } from '../helpers/mock-faulty-upstream';
import { PROXY_KEY } from '../helpers/test-env';

let upstream: FaultyUpstream;
beforeAll(async () => {
  upstream = await startFaultyUpstream();
});
afterAll(() => upstream.close());
afterEach(() => {
  vi.restoreAllMocks();
  upstream.reset();
});

const envWith = (extra: Record<string, string> = {}) =>
  Object.freeze({
    API_KEY: PROXY_KEY,
    OPENAI_API_KEY: 'sk-log-test-key',
    OPENAI_BASE_URL: `${upstream.url}/v1`,
    UPSTREAM_RETRY_BASE_MS: '1',
    ...extra,
  });

const chat = (path: string, body: Record<string, unknown>, headers: Record<string, string> = { authorization: `Bearer ${PROXY_KEY}` }) =>
  new Request(`http://proxy.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

function captureLines() {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  return lines;
}

describe('access log', () => {
  it('gives the time a request started as toISOString does, from one millisecond and one second to the next', () => {
    const record = { dialect: 'openai', route: '/v1/chat/completions' } as const;
    for (const startedAt of [
      1_764_606_000_000, 1_764_606_000_007, 1_764_606_000_999, 1_764_606_001_050, 1_764_605_999_999, 951_782_400_123,
    ]) {
      const { time } = JSON.parse(accessLogLine(record, { method: 'POST', status: 200, startedAt, firstByteAt: startedAt })) as {
        time: string;
      };
      expect(time).toBe(new Date(startedAt).toISOString());
    }
  });

  it('writes one line with who asked, who served, attempts, status, timings and tokens; never a key', async () => {
    const lines = captureLines();
    upstream.plan('gpt-4o-mini', { status: 503 });
    const response = await handle(
      chat('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'secret prompt' }] }),
      envWith(),
    );
    expect(response.status).toBe(200);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      dialect: 'openai',
      method: 'POST',
      route: '/v1/chat/completions',
      model: 'gpt-4o-mini',
      provider: 'openai',
      served_model: 'gpt-4o-mini',
      attempts: 2,
      status: 200,
      input_tokens: 3,
      output_tokens: 4,
    });
    expect(new Date(line.time).toISOString()).toBe(line.time);
    expect(line.duration_ms).toBeGreaterThanOrEqual(line.ttfb_ms);
    expect(lines[0]).not.toContain('secret prompt');
    expect(lines[0]).not.toContain('sk-log-test-key');
    expect(lines[0]).not.toContain(PROXY_KEY);
  });

  it('writes a streamed request when the stream ends, and a path key as {API_KEY}', async () => {
    const lines = captureLines();
    const response = await handle(
      chat(`/ollama/${PROXY_KEY}/api/chat`, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, {}),
      envWith(),
    );
    expect(lines).toHaveLength(0);
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      dialect: 'ollama',
      route: '/ollama/{API_KEY}/api/chat',
      status: 200,
      provider: 'openai',
    });
    expect(lines[0]).not.toContain(PROXY_KEY);
  });

  it('records the error code of a failed request and caps a long model name', async () => {
    const lines = captureLines();
    const long = `gpt-${'x'.repeat(5000)}`;
    upstream.plan(long, { status: 400 });
    await handle(chat('/v1/chat/completions', { model: long, messages: [{ role: 'user', content: 'hi' }] }), envWith());
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ status: 400, error: 'upstream_rejected_request', attempts: 1 });
    expect(line.model.length).toBeLessThanOrEqual(201);
  });

  it('LOG_LEVEL=error keeps only failures, LOG_LEVEL=off nothing', async () => {
    const lines = captureLines();
    const reports = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };
    await handle(chat('/v1/chat/completions', body), envWith({ LOG_LEVEL: 'error' }));
    await handle(chat('/v1/chat/completions', { ...body, model: 'no-such-model' }), envWith({ LOG_LEVEL: 'error' }));
    expect(lines).toHaveLength(0);
    upstream.plan('gpt-4o-mini', { status: 500 });
    await handle(chat('/v1/chat/completions', body), envWith({ LOG_LEVEL: 'error', UPSTREAM_RETRIES: '0' }));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ status: 500, error: 'upstream_error' });
    expect(reports).toHaveBeenCalledOnce();
    upstream.plan('gpt-4o-mini', { status: 500 });
    await handle(chat('/v1/chat/completions', body), envWith({ LOG_LEVEL: 'off', UPSTREAM_RETRIES: '0' }));
    expect(lines).toHaveLength(1);
    expect(reports).toHaveBeenCalledOnce();
  });

  it.each([
    ['/v1/responses', 'openai-responses'],
    ['/responses', 'openai-responses'],
    [`/ollama/${PROXY_KEY}/v1/responses`, 'openai-responses'],
    ['/v1/responses/resp_1', 'openai-responses'],
    ['/v1/messages', 'anthropic'],
    ['/v1/chat/completions', 'openai'],
  ])('names the dialect of %s as %s', async (path, dialect) => {
    const lines = captureLines();
    // A wrong key: the line is written before any route runs, so the path alone must name the dialect.
    await handle(
      chat(path, { model: 'gpt-4o-mini', input: 'hi' }, { authorization: 'Bearer wrong' }),
      envWith({ API_KEY: `${PROXY_KEY}x` }),
    );
    expect(JSON.parse(lines[0]!)).toMatchObject({ dialect, status: 401 });
  });
});
