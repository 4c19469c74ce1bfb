/**
 * One environment with every provider configured with a fake key, so contract tests reach every
 * provider through its real default base URL (intercepted by msw; nothing leaves the machine).
 */
export const PROXY_KEY = 'test-proxy-key';

export const testEnv: Record<string, string> = {
  API_KEY: PROXY_KEY,
  OPENAI_API_KEY: 'test-openai-key',
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
};

export const secretsOf = (env: Record<string, string>): string[] =>
  Object.entries(env)
    .filter(([name]) => /KEY|TOKEN/.test(name))
    .map(([, value]) => value);
