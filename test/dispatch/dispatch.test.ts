/**
 * Dispatch against a scripted fake family: attempts, backoff, Retry-After, fallbacks, timeouts,
 * key rotation and client disconnects, with real timers kept short by the settings.
 */
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/core/config';
import { ProxyError } from '../../src/core/errors';
import { flowOf } from '../../src/core/flow';
import { Secrets } from '../../src/core/secrets';
import type { ChatCall, Family, ProviderDefinition } from '../../src/core/provider';
import type { RequestContext } from '../../src/core/request-context';
import type { ChatChunk, ChatResult } from '../../src/core/types';
import { upstreamHttpError, upstreamUnreachable } from '../../src/core/upstream-error';
import { dispatchChat } from '../../src/dispatch/dispatch';
import { backoffMs } from '../../src/dispatch/retry-policy';
import { isCollected } from '../helpers/collected';

type Step = (call: ChatCall) => Promise<ChatResult>;

interface Seen {
  model: string;
  key: string | undefined;
  signal: AbortSignal | undefined;
}

const completion = (text: string): ChatResult => ({
  kind: 'completion',
  body: {
    id: 'c',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
  },
});

const chunk = (delta: Record<string, unknown>, finish: ChatChunk['choices'][number]['finish_reason'] = null): ChatChunk =>
  ({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  }) as ChatChunk;

/** A family's batches: each chunk as its own upstream read. */
async function* chunksThenGenerator(chunks: ChatChunk[], failure?: unknown, hangAfter?: AbortSignal): AsyncGenerator<ChatChunk[]> {
  for (const c of chunks) yield [c];
  if (hangAfter) {
    await new Promise((_, reject) => hangAfter.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  }
  if (failure) throw failure;
}

const chunksThen = (chunks: ChatChunk[], failure?: unknown, hangAfter?: AbortSignal) =>
  flowOf(chunksThenGenerator(chunks, failure, hangAfter));

/** A provider `fake` serving m1, m2, m3, whose answers follow `script` call by call. */
function setup(env: Record<string, string>, script: Step[]) {
  const seen: Seen[] = [];
  const family: Family = {
    id: 'fake',
    fields: {} as Family['fields'],
    chat(call) {
      seen.push({ model: call.model.id, key: call.key, signal: call.signal });
      const step = script[seen.length - 1];
      if (!step) throw new Error(`unexpected attempt ${seen.length}`);
      return step(call);
    },
  };
  const def: ProviderDefinition = {
    id: 'fake',
    name: 'Fake',
    family,
    options: {},
    env: { key: ['FAKE_API_KEY'] },
    defaultBaseUrl: 'http://fake.test',
    models: [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }],
  };
  const config = buildConfig({ FAKE_API_KEY: 'key-a', UPSTREAM_RETRY_BASE_MS: '1', ...env }, [def]);
  const provider = config.providers[0]!;
  const client = new AbortController();
  const ctx = (): RequestContext => ({
    request: new Request('http://proxy.test/v1/chat/completions', { method: 'POST', signal: client.signal }),
    config,
    record: { dialect: 'openai', route: '/v1/chat/completions' },
    log: () => undefined,
  });
  const fail =
    (status: number, headers: Record<string, string> = {}) =>
    (_call?: ChatCall) =>
      Promise.reject(upstreamHttpError(provider, status, { message: `status ${status}` }, new Headers(headers), new Secrets([])));
  const ok =
    (text = 'ok') =>
    (_call?: ChatCall) =>
      Promise.resolve(completion(text));
  const run = (model = 'm1', stream = false) =>
    dispatchChat(ctx(), { model, request: () => ({ model, messages: [{ role: 'user', content: 'hi' }], stream }), includeUsage: false });
  return { seen, fail, ok, run, client, provider, ctx };
}

describe('attempts and retries', () => {
  it('makes exactly 1 + UPSTREAM_RETRIES attempts on a retryable failure, then gives the last error', async () => {
    const t = setup(
      { UPSTREAM_RETRIES: '3' },
      Array.from({ length: 5 }, () => (c: ChatCall) => t.fail(503)(c)),
    );
    await expect(t.run()).rejects.toMatchObject({ status: 503, upstreamStatus: 503 });
    expect(t.seen).toHaveLength(4);
  });

  it('succeeds on the attempt after a 503, a 529 and a connection failure, and says how many it took', async () => {
    const unreachable = () =>
      Promise.reject(upstreamUnreachable(s.provider, 'http://fake.test/x', new Error('ECONNREFUSED'), new Secrets([])));
    const s = setup({ UPSTREAM_RETRIES: '3' }, [(c) => s.fail(503)(c), (c) => s.fail(529)(c), unreachable, (c) => s.ok('fine')(c)]);
    const { result, headers } = await s.run();
    expect(result.kind === 'completion' && result.body.choices[0]!.message.content).toBe('fine');
    expect(headers).toMatchObject({ 'x-proxy-provider': 'fake', 'x-proxy-model': 'm1', 'x-proxy-attempts': '4' });
    expect(s.seen).toHaveLength(4);
  });

  it.each([400, 401, 404, 422])('never retries an upstream %i', async (status) => {
    const t = setup({ MODEL_FALLBACKS: status === 401 ? '' : 'm1>m2' }, [(c) => t.fail(status)(c), (c) => t.ok()(c)]);
    await expect(t.run()).rejects.toBeInstanceOf(ProxyError);
    expect(t.seen).toHaveLength(1);
  });

  it('does not retry a failure that is not the upstream answering (a bug)', async () => {
    const t = setup({}, [() => Promise.reject(new TypeError('boom')), (c) => t.ok()(c)]);
    await expect(t.run()).rejects.toBeInstanceOf(TypeError);
    expect(t.seen).toHaveLength(1);
  });

  it('waits out a Retry-After within UPSTREAM_RETRY_MAX_WAIT_MS', async () => {
    const t = setup({}, [(c) => t.fail(429, { 'retry-after-ms': '120' })(c), (c) => t.ok()(c)]);
    const started = Date.now();
    await t.run();
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    expect(t.seen).toHaveLength(2);
  });

  it('gives the client the 429 with the vendor Retry-After at once when the wait is longer than allowed', async () => {
    const t = setup({ UPSTREAM_RETRY_MAX_WAIT_MS: '1000' }, [(c) => t.fail(429, { 'retry-after': '30' })(c), (c) => t.ok()(c)]);
    const started = Date.now();
    await expect(t.run()).rejects.toMatchObject({ status: 429, headers: { 'retry-after': '30' } });
    expect(Date.now() - started).toBeLessThan(500);
    expect(t.seen).toHaveLength(1);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffMs(0, 500, 60_000, () => 0.999)).toBe(499);
    expect(backoffMs(3, 500, 60_000, () => 0.5)).toBe(2000);
    expect(backoffMs(20, 500, 60_000, () => 0.999)).toBe(59_940);
    expect(backoffMs(5, 500, 60_000, () => 0)).toBe(0);
  });
});

describe('streams', () => {
  it("keeps no reference to the client's request while the stream is open (a long conversation would stay in memory)", async () => {
    const hang = new AbortController();
    const s = setup({}, [async () => ({ kind: 'stream', chunks: chunksThen([chunk({ content: 'Hi' })], undefined, hang.signal) })]);
    const open = async () => {
      const request = { model: 'm1', messages: [{ role: 'user' as const, content: 'a long conversation' }], stream: true };
      const dispatched = await dispatchChat(s.ctx(), { model: 'm1', request: () => request, includeUsage: false });
      return { dispatched, ref: new WeakRef(request) };
    };
    const { dispatched, ref } = await open();
    expect(await isCollected(ref)).toBe(true);
    expect(dispatched.result.kind).toBe('stream');
    hang.abort();
  });

  it('retries a stream that fails before its first answer chunk, not one that fails after', async () => {
    const overloaded = () => upstreamHttpError(s.provider, 529, { message: 'overloaded' }, new Headers(), new Secrets([]));
    const s = setup({}, [
      async () => ({ kind: 'stream', chunks: chunksThen([chunk({ role: 'assistant', content: '' })], overloaded()) }),
      async () => ({ kind: 'stream', chunks: chunksThen([chunk({ content: 'Hel' })], overloaded()) }),
      (c) => s.ok()(c),
    ]);
    const { result } = await s.run('m1', true);
    expect(s.seen).toHaveLength(2);
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const batch of result.chunks)
          for (const c of batch) got.push(String((c.choices[0]?.delta as { content?: string }).content));
      })(),
    ).rejects.toMatchObject({ upstreamStatus: 529 });
    expect(got).toEqual(['Hel']);
    expect(s.seen).toHaveLength(2);
  });

  it('ends a stream that goes silent with an upstream_timeout naming UPSTREAM_IDLE_TIMEOUT_MS, and aborts the upstream', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const s = setup({ UPSTREAM_IDLE_TIMEOUT_MS: '150' }, [
      async (call) => {
        upstreamSignal = call.signal;
        return { kind: 'stream', chunks: chunksThen([chunk({ content: 'Hi' })], undefined, call.signal) };
      },
    ]);
    const { result } = await s.run('m1', true);
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const started = Date.now();
    const iterator = result.chunks[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    await expect(iterator.next()).rejects.toMatchObject({
      status: 504,
      code: 'upstream_timeout',
      message: expect.stringContaining('UPSTREAM_IDLE_TIMEOUT_MS'),
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(upstreamSignal?.aborted).toBe(true);
  });
});

describe('fallbacks', () => {
  it('walks the chain in order after each model used up its attempts, and says who served', async () => {
    const t = setup({ MODEL_FALLBACKS: 'm1>m2>m3', UPSTREAM_RETRIES: '1' }, [
      (c) => t.fail(503)(c),
      (c) => t.fail(500)(c),
      (c) => t.fail(429)(c),
      (c) => t.fail(502)(c),
      (c) => t.ok('from m3')(c),
    ]);
    const { headers, servedName, fallback } = await t.run('m1');
    expect(t.seen.map((s) => s.model)).toEqual(['m1', 'm1', 'm2', 'm2', 'm3']);
    expect({ servedName, fallback }).toEqual({ servedName: 'm3', fallback: true });
    expect(headers).toMatchObject({ 'x-proxy-model': 'm3', 'x-proxy-attempts': '5' });
  });

  it('starts from the asked model: a later model of a chain falls back only to the ones after it', async () => {
    const t = setup({ MODEL_FALLBACKS: 'm1>m2>m3', UPSTREAM_RETRIES: '0' }, [(c) => t.fail(503)(c), (c) => t.fail(503)(c)]);
    await expect(t.run('m2')).rejects.toMatchObject({ status: 503 });
    expect(t.seen.map((s) => s.model)).toEqual(['m2', 'm3']);
  });

  it('does not fall back on a request the upstream refused (400)', async () => {
    const t = setup({ MODEL_FALLBACKS: 'm1>m2' }, [(c) => t.fail(400)(c), (c) => t.ok()(c)]);
    await expect(t.run('m1')).rejects.toMatchObject({ status: 400 });
    expect(t.seen.map((s) => s.model)).toEqual(['m1']);
  });

  it('maps an alias before routing, then follows the target chain', async () => {
    const t = setup({ MODEL_ALIASES: 'claude-sonnet-4-5=m2', MODEL_FALLBACKS: 'm2>m3', UPSTREAM_RETRIES: '0' }, [
      (c) => t.fail(503)(c),
      (c) => t.ok()(c),
    ]);
    await t.run('claude-sonnet-4-5');
    expect(t.seen.map((s) => s.model)).toEqual(['m2', 'm3']);
  });
});

describe('timeouts', () => {
  it('aborts an attempt that does not answer within UPSTREAM_TIMEOUT_MS and counts it as retryable', async () => {
    const signals: AbortSignal[] = [];
    const hang: Step = (call) =>
      new Promise((_, reject) => {
        signals.push(call.signal!);
        call.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const t = setup({ UPSTREAM_TIMEOUT_MS: '100', UPSTREAM_RETRIES: '1' }, [hang, hang]);
    const started = Date.now();
    await expect(t.run()).rejects.toMatchObject({
      status: 504,
      code: 'upstream_timeout',
      message: expect.stringContaining('UPSTREAM_TIMEOUT_MS'),
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(t.seen).toHaveLength(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });
});

describe('keys', () => {
  it('rotates across a comma list of keys and rests a rate-limited key while the others serve', async () => {
    const t = setup({ FAKE_API_KEY: 'key-a, key-b, key-c', UPSTREAM_RETRIES: '0' }, [
      (c) => t.ok()(c),
      (c) => t.ok()(c),
      (c) => t.ok()(c),
      (c) => t.ok()(c),
    ]);
    for (let i = 0; i < 4; i++) await t.run();
    expect(t.seen.map((s) => s.key)).toEqual(['key-a', 'key-b', 'key-c', 'key-a']);

    const r = setup({ FAKE_API_KEY: 'key-a,key-b', UPSTREAM_RETRIES: '2' }, [
      (c) => r.fail(429, { 'retry-after': '20' })(c),
      (c) => r.ok()(c),
      (c) => r.ok()(c),
      (c) => r.ok()(c),
    ]);
    const started = Date.now();
    await r.run();
    // The other key serves at once; the limited one rests for its Retry-After.
    expect(Date.now() - started).toBeLessThan(500);
    await r.run();
    await r.run();
    expect(r.seen.map((s) => s.key)).toEqual(['key-a', 'key-b', 'key-b', 'key-b']);
  });

  it('tries another key when the upstream rejects one, and rests the rejected key', async () => {
    const t = setup({ FAKE_API_KEY: 'bad,good' }, [(c) => t.fail(401)(c), (c) => t.ok()(c), (c) => t.ok()(c)]);
    await t.run();
    await t.run();
    expect(t.seen.map((s) => s.key)).toEqual(['bad', 'good', 'good']);
  });
});

describe('client disconnect', () => {
  it('stops during a backoff wait: no further attempt', async () => {
    const t = setup({ UPSTREAM_RETRIES: '2' }, [(c) => t.fail(503, { 'retry-after': '2' })(c), (c) => t.ok()(c)]);
    const pending = t.run();
    setTimeout(() => t.client.abort(), 50);
    const started = Date.now();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.seen).toHaveLength(1);
  });

  it('aborts the attempt in flight, streamed or not', async () => {
    const hang: Step = (call) =>
      new Promise((_, reject) => call.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const t = setup({}, [hang]);
    const pending = t.run();
    setTimeout(() => t.client.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(t.seen[0]!.signal!.aborted).toBe(true);
    expect(t.seen).toHaveLength(1);
  });
});
