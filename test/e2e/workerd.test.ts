import { afterAll, beforeAll, describe } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-openai-upstream';
import { PROXY_KEY } from '../helpers/test-env';
import { startWranglerDev, type WranglerDev } from '../helpers/wrangler-dev';
import { ollamaClientSuite } from './ollama-client-suite';
import { openaiClientSuite } from './openai-client-suite';
import { responsesClientSuite } from './responses-client-suite';

let upstream: MockUpstream;
let worker: WranglerDev;

beforeAll(async () => {
  upstream = await startMockUpstream();
  worker = await startWranglerDev({
    API_KEY: PROXY_KEY,
    OPENAI_API_KEY: 'test-openai-key',
    OPENAI_BASE_URL: `${upstream.url}/v1`,
    RESPONSES_NATIVE: 'off',
  });
});

afterAll(async () => {
  await worker?.stop();
  await upstream?.close();
});

describe('openai client against the Workers entry under workerd', () => {
  openaiClientSuite(() => ({ proxyUrl: worker.url, upstream }));
});

describe('ollama client against the Workers entry under workerd', () => {
  ollamaClientSuite(() => ({ proxyUrl: worker.url, upstream }));
});

describe('Responses clients against the Workers entry under workerd', () => {
  responsesClientSuite(() => ({ proxyUrl: worker.url, upstream }));
});
