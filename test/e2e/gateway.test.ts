/**
 * The gateway layer end to end, on the Node entry and under workerd: retries, fallbacks across
 * families in both dialects, timeouts, key rotation and client disconnects, against an upstream
 * that misbehaves the way vendors do.
 */
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultyUpstream, type FaultyUpstream } from '../helpers/mock-faulty-upstream';
import { nodeAndWorkerd, type RunningProxy } from '../helpers/start-proxy';
import { PROXY_KEY } from '../helpers/test-env';

const TIMEOUT_MS = 400;

for (const { name: runtime, start } of nodeAndWorkerd) {
  describe(`gateway layer on ${runtime}`, () => {
    let upstream: FaultyUpstream;
    let proxy: RunningProxy;

    beforeAll(async () => {
      upstream = await startFaultyUpstream();
      proxy = await start({
        API_KEY: PROXY_KEY,
        OPENAI_API_KEY: 'key-one,key-two',
        OPENAI_BASE_URL: `${upstream.url}/v1`,
        ANTHROPIC_API_KEY: 'anthropic-key',
        ANTHROPIC_BASE_URL: upstream.url,
        GOOGLE_GEN_AI_API_KEY: 'google-key',
        GOOGLE_GEN_AI_BASE_URL: upstream.url,
        MODEL_FALLBACKS: 'gpt-4.1>claude-sonnet-4-5>gemini-2.5-pro',
        UPSTREAM_RETRIES: '1',
        UPSTREAM_RETRY_BASE_MS: '5',
        UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
        LOG_LEVEL: 'off',
      });
    });
    afterAll(async () => {
      await proxy?.stop();
      await upstream?.close();
    });
    beforeEach(() => upstream.reset());

    const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: PROXY_KEY, maxRetries: 0 });
    const ollama = () => new Ollama({ host: proxy.url, headers: { Authorization: `Bearer ${PROXY_KEY}` } });
    const hi = [{ role: 'user' as const, content: 'hi' }];

    it('retries a 503 and answers, saying how many attempts it took', async () => {
      upstream.plan('gpt-4o-mini', { status: 503 });
      const { data, response } = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages: hi }).withResponse();
      expect(data.choices[0]!.message.content).toBe('hi from gpt-4o-mini');
      expect(response.headers.get('x-proxy-attempts')).toBe('2');
      expect(upstream.seen).toHaveLength(2);
    });

    it("retries Anthropic's 529 and answers", async () => {
      upstream.plan('claude-sonnet-4-5', { status: 529 });
      const answer = await openai().chat.completions.create({ model: 'claude-sonnet-4-5', messages: hi });
      expect(answer.choices[0]!.message.content).toBe('hi from claude-sonnet-4-5');
      expect(upstream.seen.map((s) => s.family)).toEqual(['anthropic', 'anthropic']);
    });

    it('retries a streamed request before its first byte: a 503, then an overloaded error inside a 200 stream', async () => {
      upstream.plan('gpt-4o-mini', { status: 503 });
      upstream.plan('claude-sonnet-4-5', 'overloaded-stream');
      for (const model of ['gpt-4o-mini', 'claude-sonnet-4-5']) {
        const stream = await openai().chat.completions.create({ model, messages: hi, stream: true });
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
        expect(text).toBe(`hi from ${model}`);
      }
      expect(upstream.seen).toHaveLength(4);
    });

    it('falls back from an OpenAI model to Claude, then to Gemini, in the OpenAI dialect', async () => {
      upstream.plan('gpt-4.1', { status: 503 }, { status: 500 });
      const toClaude = await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi }).withResponse();
      expect(toClaude.data.choices[0]!.message.content).toBe('hi from claude-sonnet-4-5');
      expect(toClaude.data.model).toBe('claude-sonnet-4-5');
      expect(toClaude.response.headers.get('x-proxy-provider')).toBe('anthropic');

      upstream.plan('gpt-4.1', { status: 429 }, { status: 429 });
      upstream.plan('claude-sonnet-4-5', { status: 529 }, { status: 529 });
      const stream = await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi, stream: true }).withResponse();
      let text = '';
      for await (const chunk of stream.data) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('hi from gemini-2.5-pro');
      expect(stream.response.headers.get('x-proxy-provider')).toBe('google');
      expect(stream.response.headers.get('x-proxy-attempts')).toBe('5');
    });

    it('falls back in the Ollama dialect too, and names the model that answered', async () => {
      upstream.plan('gpt-4.1', { status: 502 }, { status: 502 });
      const answer = await ollama().chat({ model: 'gpt-4.1', messages: hi, stream: false });
      expect(answer.message.content).toBe('hi from claude-sonnet-4-5');
      expect(answer.model).toBe('claude-sonnet-4-5');

      upstream.plan('gpt-4.1', { status: 503 }, { status: 503 });
      upstream.plan('claude-sonnet-4-5', { status: 503 }, { status: 503 });
      let text = '';
      for await (const part of await ollama().chat({ model: 'gpt-4.1', messages: hi, stream: true })) text += part.message.content;
      expect(text).toBe('hi from gemini-2.5-pro');
    });

    it('gives a 504 upstream_timeout within the bound when the upstream never answers', async () => {
      upstream.plan('gpt-4o', 'hang', 'hang');
      const started = Date.now();
      const failure = await openai()
        .chat.completions.create({ model: 'gpt-4o', messages: hi })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(OpenAI.APIError);
      expect(failure).toMatchObject({ status: 504, code: 'upstream_timeout' });
      expect((failure as Error).message).toContain('UPSTREAM_TIMEOUT_MS');
      // two attempts of TIMEOUT_MS each, and nothing near a client's own timeout
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 2 + 1500);
      expect(upstream.seen).toHaveLength(2);
      await expect.poll(() => upstream.abandoned, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    });

    it('rotates to the other key after a 429, and rests the limited one', async () => {
      // Which key comes first depends on earlier tests; the one that got the 429 must rest.
      upstream.plan('gpt-4o-mini', { status: 429, headers: { 'retry-after': '30' } });
      await openai().chat.completions.create({ model: 'gpt-4o-mini', messages: hi });
      await openai().chat.completions.create({ model: 'gpt-4o-mini', messages: hi });
      const [limited, ...rest] = upstream.seen.map((s) => s.key);
      expect(rest).toHaveLength(2);
      expect(new Set([limited, ...rest])).toEqual(new Set(['key-one', 'key-two']));
      expect(rest.every((key) => key !== limited)).toBe(true);
    });

    // Under `wrangler dev` the local proxy in front of workerd does not pass a client's disconnect
    // on to the Worker (a bare Worker's request.signal never fires there either), so this runs on
    // Node; deployed Workers abort request.signal with the enable_request_signal flag.
    it.runIf(runtime === 'Node')('aborts the upstream request when a non-streamed client goes away', async () => {
      upstream.plan('gpt-4o-mini', 'hang');
      const before = upstream.abandoned;
      const client = new AbortController();
      const pending = fetch(`${proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: hi }),
        signal: client.signal,
      }).catch((e: unknown) => e);
      await expect.poll(() => upstream.seen.length).toBe(1);
      client.abort();
      await pending;
      await expect.poll(() => upstream.abandoned, { timeout: TIMEOUT_MS / 2 }).toBe(before + 1);
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 100));
      // no retry after the client left
      expect(upstream.seen).toHaveLength(1);
    });
  });
}
