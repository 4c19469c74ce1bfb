/**
 * The end-to-end suite every runtime runs: the `openai`, `ollama` and `@anthropic-ai/sdk` clients against the
 * proxy on that runtime, in front of one loopback mock OpenAI upstream.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-openai-upstream';
import { describeOn, type ProxyRuntime, type RunningProxy } from '../helpers/start-proxy';
import { PROXY_KEY } from '../helpers/test-env';
import { anthropicClientSuite } from './anthropic-client-suite';
import { ollamaClientSuite } from './ollama-client-suite';
import { responsesClientSuite } from './responses-client-suite';
import { openaiClientSuite } from './openai-client-suite';

export function clientSuites(runtime: ProxyRuntime): void {
  describeOn(runtime, 'openai and ollama clients', () => {
    let upstream: MockUpstream;
    let proxy: RunningProxy;
    const setup = () => ({ proxyUrl: proxy.url, upstream });

    beforeAll(async () => {
      upstream = await startMockUpstream();
      proxy = await runtime.start({
        API_KEY: PROXY_KEY,
        OPENAI_API_KEY: 'test-openai-key',
        OPENAI_BASE_URL: `${upstream.url}/v1`,
        LOG_LEVEL: 'error',
        // The mock upstream has no /responses: the Responses dialect is translated to chat here.
        RESPONSES_NATIVE: 'off',
      });
    });
    afterAll(async () => {
      await proxy?.stop();
      await upstream?.close();
    });

    describe('openai client', () => openaiClientSuite(setup));
    describe('ollama client', () => ollamaClientSuite(setup));
    describe('anthropic client', () => anthropicClientSuite(setup));
    describe('Responses clients (openai and the AI SDK)', () => responsesClientSuite(setup));
  });
}
