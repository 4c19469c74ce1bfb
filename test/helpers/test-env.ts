/**
 * One environment with every provider configured with a fake key, so contract tests reach every
 * provider through its real default base URL (intercepted by msw; nothing leaves the machine).
 */
import { generateKeyPairSync } from 'node:crypto';

export const PROXY_KEY = 'test-proxy-key';

/** A service-account key made for the tests; Vertex requests are signed with it for real. */
export const { privateKey: VERTEX_TEST_PRIVATE_KEY, publicKey: VERTEX_TEST_PUBLIC_KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

/** What the msw token endpoint hands out, so fixtures can expect it in `authorization`. */
export const VERTEX_TEST_ACCESS_TOKEN = 'ya29.test-vertex-access-token';

export const testEnv: Record<string, string> = {
  API_KEY: PROXY_KEY,
  // A fixture is one exchange: retrying its upstream error is the dispatch tests' business.
  UPSTREAM_RETRIES: '0',
  // Access log lines would bury the test report; test/dispatch checks them.
  LOG_LEVEL: 'error',
  OPENAI_API_KEY: 'test-openai-key',
  ANTROPIC_API_KEY: 'test-anthropic-key',
  GOOGLE_GEN_AI_API_KEY: 'test-google-key',
  VERTEX_ANTROPIC_GOOGLE_SA_CLIENT_EMAIL: 'proxy-test@test-project.iam.gserviceaccount.com',
  // Pasted with literal \n, as a one-line secret often is.
  VERTEX_ANTROPIC_GOOGLE_SA_PRIVATE_KEY: VERTEX_TEST_PRIVATE_KEY.replace(/\n/g, '\\n'),
  VERTEX_ANTROPIC_REGION: 'us-east5',
  VERTEX_ANTROPIC_PROJECTID: 'test-project',
  AZURE_OPENAI_API_KEY: 'test-azure-key',
  AZURE_OPENAI_ENDPOINT: 'https://example-resource.openai.azure.com',
  AZURE_DEPLOYMENT_MODELS: 'gpt-4o-mini:my-gpt4o-mini',
  DEEPSEEK_API_KEY: 'test-deepseek-key',
  GROQ_API_KEY: 'test-groq-key',
  MOONSHOT_API_KEY: 'test-moonshot-key',
  LINGYIWANWU_API_KEY: 'test-lingyiwanwu-key',
  CEREBRAS_API_KEY: 'test-cerebras-key',
  ALIYUN_BAILIAN_API_KEY: 'test-bailian-key',
  GROK_API_KEY: 'test-grok-key',
  OPENROUTER_API_KEY: 'test-openrouter-key',
  OLLAMA_BASE_URL: 'http://ollama.test:11434/v1',
  OLLAMA_MODELS: 'llama3.2,qwen3:8b,llava:7b',
  DOUBAO_API_KEY: 'test-doubao-key',
  CLOUDFLARE_API_TOKEN: 'test-cloudflare-token',
  CLOUDFLARE_ACCOUNT_ID: 'test-account',
  COHERE_API_KEY: 'test-cohere-key',
  COZE_API_KEY: 'test-coze-token',
  COZE_BOTS: 'helper=7351234567890123456,coze-vision=7359876543210987654',
};

export const secretsOf = (env: Record<string, string>): string[] =>
  Object.entries(env)
    .filter(([name]) => /KEY|TOKEN/.test(name) && !name.endsWith('_MODELS'))
    .map(([, value]) => value);
