import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe } from 'vitest';
import { startNodeServer } from '../../src/runtimes/node';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-openai-upstream';
import { PROXY_KEY } from '../helpers/test-env';
import { ollamaClientSuite } from './ollama-client-suite';
import { openaiClientSuite } from './openai-client-suite';
import { responsesClientSuite } from './responses-client-suite';

let upstream: MockUpstream;
let server: ReturnType<typeof startNodeServer>;
let proxyUrl = '';

beforeAll(async () => {
  upstream = await startMockUpstream();
  server = startNodeServer({
    port: 0,
    hostname: '127.0.0.1',
    env: { API_KEY: PROXY_KEY, OPENAI_API_KEY: 'test-openai-key', OPENAI_BASE_URL: `${upstream.url}/v1`, RESPONSES_NATIVE: 'off' },
  });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await upstream.close();
});

describe('openai client against the Node entry', () => {
  openaiClientSuite(() => ({ proxyUrl, upstream }));
});

describe('ollama client against the Node entry', () => {
  ollamaClientSuite(() => ({ proxyUrl, upstream }));
});

describe('Responses clients against the Node entry', () => {
  responsesClientSuite(() => ({ proxyUrl, upstream }));
});
