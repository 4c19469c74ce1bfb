/** Configuration (DESIGN section 4) and routing of model names (section 5). */
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/core/config';
import { definitions } from '../../src/providers/definitions';
import { parseModelList } from '../../src/core/parse-model-list';

const route = (env: Record<string, string>, model: string) => {
  const r = buildConfig(env, definitions).catalog.resolve(model);
  return r && `${r.provider.id}:${r.model.upstream}`;
};

describe('parseModelList', () => {
  it('keeps colons in names and splits aliases on =', () => {
    expect(parseModelList(' llama3.2:1b , fast=llama-3.1-8b-instant,,hf.co/u/m:q4 ')).toEqual([
      { id: 'llama3.2:1b', upstream: 'llama3.2:1b' },
      { id: 'fast', upstream: 'llama-3.1-8b-instant' },
      { id: 'hf.co/u/m:q4', upstream: 'hf.co/u/m:q4' },
    ]);
  });
});

describe('configuration', () => {
  it('configures a provider from its key alone, with its default base URL', () => {
    const config = buildConfig({ DEEPSEEK_API_KEY: 'k' }, definitions);
    expect(config.providers.map((p) => [p.id, p.baseUrl])).toEqual([['deepseek', 'https://api.deepseek.com']]);
  });

  it('treats empty values as unset', () => {
    expect(buildConfig({ OPENAI_API_KEY: '', GROQ_API_KEY: '  ', API_KEY: '' }, definitions).providers).toEqual([]);
    expect(buildConfig({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: '' }, definitions).providers[0]?.baseUrl).toBe('https://api.openai.com/v1');
  });

  it('reads the original spellings and the aliases', () => {
    expect(buildConfig({ GROK_API_KEY: 'a' }, definitions).providers[0]?.keys).toEqual(['a']);
    expect(buildConfig({ XAI_API_KEY: 'b' }, definitions).providers[0]?.id).toBe('grok');
  });

  it('applies base URL overrides without a trailing slash', () => {
    const config = buildConfig({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://localhost:9000/v1/' }, definitions);
    expect(config.providers[0]?.baseUrl).toBe('http://localhost:9000/v1');
  });

  it('configures Ollama from its base URL, with no key', () => {
    const config = buildConfig({ OLLAMA_BASE_URL: 'http://localhost:11434/v1', OLLAMA_MODELS: 'llama3.2:1b' }, definitions);
    expect(config.providers.map((p) => [p.id, p.keys, p.models.map((m) => m.id)])).toEqual([['ollama', [], ['llama3.2:1b']]]);
  });

  it('reads Azure deployments in the original model:deployment form and the API version', () => {
    const config = buildConfig(
      {
        AZURE_OPENAI_API_KEY: 'k',
        AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com',
        AZURE_DEPLOYMENT_MODELS: 'gpt-4o-mini:mini-deploy,gpt-4o:big',
        AZURE_API_VERSION: '2024-06-01',
      },
      definitions,
    );
    const azure = config.providers[0]!;
    expect(azure.models.map((m) => `${m.id}->${m.upstream}`)).toEqual(['gpt-4o-mini->mini-deploy', 'gpt-4o->big']);
    expect(azure.settings.apiVersion).toBe('2024-06-01');
  });

  it('needs both the Cloudflare token and the account id', () => {
    expect(buildConfig({ CLOUDFLARE_API_TOKEN: 't' }, definitions).providers).toEqual([]);
    const config = buildConfig({ CLOUDFLARE_API_TOKEN: 't', CLOUDFLARE_ACCOUNT_ID: 'acc' }, definitions);
    expect(config.providers[0]?.baseUrl).toBe('https://api.cloudflare.com/client/v4/accounts/acc/ai/v1');
  });

  it('reads API_KEY as a comma list, CORS_ORIGIN and MAX_BODY_BYTES', () => {
    const config = buildConfig(
      { API_KEY: 'a, b', CORS_ORIGIN: 'https://x.example, https://y.example', MAX_BODY_BYTES: '1024' },
      definitions,
    );
    expect(config.apiKeys).toEqual(['a', 'b']);
    expect(config.corsOrigins).toEqual(['https://x.example', 'https://y.example']);
    expect(config.maxBodyBytes).toBe(1024);
    expect(buildConfig({}, definitions).maxBodyBytes).toBe(32 * 1024 * 1024);
    expect(buildConfig({ CORS_ORIGIN: '*' }, definitions).corsOrigins).toBe('*');
  });

  it('collects every secret so responses and logs can be scrubbed', () => {
    const config = buildConfig({ API_KEY: 'proxy-secret', OPENAI_API_KEY: 'sk-openai', GROQ_API_KEY: 'gsk-groq' }, definitions);
    expect([...config.secrets].sort()).toEqual(['gsk-groq', 'proxy-secret', 'sk-openai']);
  });
});

describe('routing', () => {
  const all = {
    OPENAI_API_KEY: 'k',
    DEEPSEEK_API_KEY: 'k',
    GROQ_API_KEY: 'k',
    OPENROUTER_API_KEY: 'k',
    OLLAMA_BASE_URL: 'http://o/v1',
    OLLAMA_MODELS: 'llama3,gpt-4o',
  };

  it('rule 1: an exact catalog id goes to the first configured provider in routing order', () => {
    expect(route(all, 'gpt-4o')).toBe('openai:gpt-4o');
    expect(route(all, 'llama3')).toBe('ollama:llama3');
    expect(route(all, 'deepseek-chat')).toBe('deepseek:deepseek-chat');
  });

  it('rule 1 serves an alias under its own name', () => {
    expect(route({ GROQ_API_KEY: 'k', GROQ_MODELS: 'fast=llama-3.1-8b-instant' }, 'fast')).toBe('groq:llama-3.1-8b-instant');
  });

  it('rule 2: provider/rest sends rest unchanged, slashes and colons included', () => {
    expect(route(all, 'ollama/hf.co/u/m:q4')).toBe('ollama:hf.co/u/m:q4');
    expect(route(all, 'openrouter/openai/gpt-4o-mini')).toBe('openrouter:openai/gpt-4o-mini');
    expect(route(all, 'groq/llama3-8b-8192')).toBe('groq:llama3-8b-8192');
    expect(route(all, 'ollama/llama3')).toBe('ollama:llama3');
  });

  it('rule 3: family patterns for configured providers', () => {
    expect(route(all, 'gpt-5-pro-2026')).toBe('openai:gpt-5-pro-2026');
    expect(route(all, 'o3-mini')).toBe('openai:o3-mini');
    expect(route(all, 'deepseek-v4')).toBe('deepseek:deepseek-v4');
    expect(route({ ALIYUN_BAILIAN_API_KEY: 'k' }, 'qwen3-235b-a22b')).toBe('bailian:qwen3-235b-a22b');
    expect(route({ CLOUDFLARE_API_TOKEN: 't', CLOUDFLARE_ACCOUNT_ID: 'a' }, '@cf/mistral/x')).toBe('cloudflare:@cf/mistral/x');
    expect(route({ MOONSHOT_API_KEY: 'k' }, 'kimi-k3')).toBe('moonshot:kimi-k3');
  });

  it('rule 4: nothing routes to an unconfigured provider', () => {
    expect(route({ OPENAI_API_KEY: 'k' }, 'deepseek-chat')).toBeUndefined();
    expect(route({ OPENAI_API_KEY: 'k' }, 'groq/llama3-8b-8192')).toBeUndefined();
    expect(route({ OPENAI_API_KEY: 'k' }, 'unknown-model')).toBeUndefined();
  });

  it('lists each model once per provider, bare where rule 1 picks that provider', () => {
    const listing = buildConfig(all, definitions).catalog.listing.map((m) => `${m.provider.id} ${m.id}`);
    expect(listing).toContain('openai gpt-4o');
    expect(listing).toContain('ollama ollama/gpt-4o');
    expect(listing).toContain('ollama llama3');
    expect(listing.filter((l) => l.endsWith(' gpt-4o'))).toEqual(['openai gpt-4o']);
  });
});
