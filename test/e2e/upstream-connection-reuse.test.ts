/**
 * Streams give their upstream connection back: after the answer's last event the proxy reads the
 * body to its end instead of cancelling it, so N sequential streams reuse one connection (two at
 * most) rather than opening N, on Node and under workerd.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultyUpstream, type FaultyUpstream } from '../helpers/mock-faulty-upstream';
import { nodeAndWorkerd, type RunningProxy } from '../helpers/start-proxy';
import { PROXY_KEY } from '../helpers/test-env';

const STREAMS = 8;

for (const { name: runtime, start } of nodeAndWorkerd) {
  describe(`upstream connections on ${runtime}`, () => {
    let upstream: FaultyUpstream;
    let proxy: RunningProxy;
    beforeAll(async () => {
      upstream = await startFaultyUpstream();
      proxy = await start({
        API_KEY: PROXY_KEY,
        OPENAI_API_KEY: 'k',
        OPENAI_BASE_URL: `${upstream.url}/v1`,
        ANTHROPIC_API_KEY: 'k',
        ANTHROPIC_BASE_URL: upstream.url,
        LOG_LEVEL: 'off',
      });
    });
    afterAll(async () => {
      await proxy?.stop();
      await upstream?.close();
    });

    it.each(['gpt-4o-mini', 'claude-sonnet-4-5'])(
      `${STREAMS} sequential streams of %s use at most 2 upstream connections`,
      async (model) => {
        const client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: PROXY_KEY, maxRetries: 0 });
        const before = upstream.connections;
        for (let i = 0; i < STREAMS; i++) {
          let text = '';
          for await (const chunk of await client.chat.completions.create({
            model,
            messages: [{ role: 'user', content: 'hi' }],
            stream: true,
          })) {
            text += chunk.choices[0]?.delta.content ?? '';
          }
          expect(text).toBe(`hi from ${model}`);
          // the drain runs after the client has its answer; give it a moment before the next request
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(upstream.connections - before).toBeLessThanOrEqual(2);
      },
    );
  });
}
