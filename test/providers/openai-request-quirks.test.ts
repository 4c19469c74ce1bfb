/** What the proxy sends to OpenAI itself, which refuses arguments it does not know. */
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/core/config';
import { definitions } from '../../src/providers/definitions';
import type { ChatRequest } from '../../src/core/types';
import { convertToOpenAICompatibleRequest } from '../../src/families/openai-compatible/convert-to-openai-compatible-request';

const config = buildConfig({ OPENAI_API_KEY: 'k', GROQ_API_KEY: 'k' }, definitions);
const body = (model: string, extra: Record<string, unknown>) => {
  const route = config.catalog.require(model);
  const request = { model, messages: [{ role: 'user', content: 'hi' }], ...extra } as ChatRequest;
  return convertToOpenAICompatibleRequest({
    provider: route.provider as never,
    model: route.model,
    request,
    key: 'k',
    includeUsage: false,
    signal: undefined,
    secrets: config.secrets,
  } as Parameters<typeof convertToOpenAICompatibleRequest>[0]);
};

describe('OpenAI request quirks', () => {
  it('leaves out vendor extras for OpenAI (an Ollama client sends top_k) but keeps them for vendors that read them', () => {
    expect(body('gpt-4o', { top_k: 40 })).not.toHaveProperty('top_k');
    expect(body('groq/llama-3.3-70b-versatile', { top_k: 40 })).toHaveProperty('top_k', 40);
  });

  it('sends reasoning_effort none only where OpenAI takes it', () => {
    expect(body('o4-mini', { reasoning_effort: 'none' })).not.toHaveProperty('reasoning_effort');
    expect(body('gpt-5', { reasoning_effort: 'none' })).toHaveProperty('reasoning_effort', 'minimal');
    expect(body('gpt-5.1', { reasoning_effort: 'none' })).toHaveProperty('reasoning_effort', 'none');
    expect(body('o3', { reasoning_effort: 'max' })).toHaveProperty('reasoning_effort', 'high');
    expect(body('o3', { reasoning_effort: 'low' })).toHaveProperty('reasoning_effort', 'low');
  });

  it('sends no reasoning_effort to models that refuse it (Claude Code always asks for thinking)', () => {
    expect(body('gpt-4o-mini', { reasoning_effort: 'high' })).not.toHaveProperty('reasoning_effort');
    expect(body('gpt-4.1', { reasoning_effort: 'low' })).not.toHaveProperty('reasoning_effort');
    expect(body('gpt-5-mini', { reasoning_effort: 'high' })).toHaveProperty('reasoning_effort', 'high');
  });
});
