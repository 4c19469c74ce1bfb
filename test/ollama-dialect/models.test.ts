/**
 * The model listings in Ollama's terms: /api/tags and /api/ps entries from the catalog, /api/show
 * with the capabilities and context window clients read, the legacy `name` field, and
 * `name:latest` as the same model as `name`.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vPsResponse, vShowResponse, vTagsResponse } from '../../generated/ollama/valibot.gen';
import { handle } from '../../src/app';
import type { OllamaShowResponse, OllamaTagsResponse } from '../../src/dialects/ollama/ollama-types';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const env = Object.freeze({ ...testEnv, GROQ_MODELS: 'llama-3.3-70b-versatile,fast=llama-3.1-8b-instant,qwen/qwen3-32b' });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const send = (path: string, body?: unknown) =>
  handle(
    new Request(`http://proxy.test${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    env,
  );

async function valid<T>(response: Response, schema: v.GenericSchema): Promise<T> {
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(v.safeParse(schema, body).issues).toBeUndefined();
  return body as T;
}

const show = async (body: unknown) => valid<OllamaShowResponse>(await send('/api/show', body), vShowResponse);

describe('/api/tags and /api/ps', () => {
  it('list every routable model under the name that routes to it, with details from the catalog', async () => {
    const { models } = await valid<OllamaTagsResponse>(await send('/api/tags'), vTagsResponse);
    const byName = new Map(models.map((m) => [m.name, m]));
    expect(byName.get('gpt-4o-mini')).toEqual({
      name: 'gpt-4o-mini',
      model: 'gpt-4o-mini',
      modified_at: '2023-11-14T22:13:20.000Z',
      size: 0,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      details: { parent_model: '', format: '', family: 'gpt', families: ['gpt'], parameter_size: '', quantization_level: '' },
    });
    // Served by OpenAI under the bare name, so Azure's deployment of it is listed with its prefix.
    expect(byName.get('azure/gpt-4o-mini')?.digest).not.toBe(byName.get('gpt-4o-mini')?.digest);
    expect(byName.get('llama-3.3-70b-versatile')?.details.parameter_size).toBe('70B');
    expect(byName.get('fast')?.details.parameter_size).toBe('8B');
    expect(byName.get('qwen3:8b')?.details).toMatchObject({ family: 'ollama', parameter_size: '8B' });
    const again = await valid<OllamaTagsResponse>(await send('/api/tags'), vTagsResponse);
    expect(again.models.map((m) => m.digest)).toEqual(models.map((m) => m.digest));

    const running = await valid<{ models: Array<Record<string, unknown>> }>(await send('/api/ps'), vPsResponse);
    expect(running.models.map((m) => m.name)).toEqual(models.map((m) => m.name));
    expect(running.models.find((m) => m.name === 'o4-mini')).toMatchObject({ size_vram: 0, context_length: 200000 });
    expect(running.models.find((m) => m.name === 'qwen3:8b')).not.toHaveProperty('context_length');
  });
});

describe('/api/show', () => {
  it('reports capabilities as the catalog knows them', async () => {
    expect((await show({ model: 'gpt-4o' })).capabilities).toEqual(['completion', 'tools', 'vision']);
    expect((await show({ model: 'o4-mini' })).capabilities).toEqual(['completion', 'tools', 'vision', 'thinking']);
    expect((await show({ model: 'deepseek-chat' })).capabilities).toEqual(['completion', 'tools']);
    expect((await show({ model: 'text-embedding-3-large' })).capabilities).toEqual(['embedding']);
    // Reached by prefix, unknown to the catalog: only what every chat model can do.
    expect((await show({ model: 'openrouter/some/new-model' })).capabilities).toEqual(['completion']);
  });

  it('puts the architecture, display name and context window in model_info', async () => {
    const shown = await show({ model: 'deepseek-reasoner' });
    expect(shown.model_info).toEqual({
      'general.architecture': 'deepseek',
      'general.basename': 'deepseek-reasoner',
      'deepseek.context_length': 128000,
    });
    expect(shown.details).toMatchObject({ family: 'deepseek', families: ['deepseek'] });
    expect(shown.modified_at).toBe('2023-11-14T22:13:20.000Z');
    expect((await show({ model: 'llama3.2' })).model_info).toEqual({ 'general.architecture': 'ollama', 'general.basename': 'llama3.2' });
  });

  it('takes the legacy `name` field', async () => {
    expect((await show({ name: 'gpt-4o' })).model_info['general.basename']).toBe('gpt-4o');
  });

  it('treats name:latest as name, unless name:latest is itself listed', async () => {
    expect((await show({ model: 'gpt-4o:latest' })).capabilities).toEqual(['completion', 'tools', 'vision']);
    const calls: unknown[] = [];
    server.use(
      http.post('http://ollama.test:11434/v1/chat/completions', async ({ request }) => {
        calls.push(await request.json());
        return HttpResponse.json({
          id: 'x',
          object: 'chat.completion',
          created: 1,
          model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        });
      }),
    );
    const taggedEnv = { ...env, OLLAMA_MODELS: 'llama3.2:latest' };
    const chat = (model: string, useEnv: Record<string, string>) =>
      handle(
        new Request('http://proxy.test/api/chat', {
          method: 'POST',
          headers: { authorization: `Bearer ${PROXY_KEY}` },
          body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], stream: false }),
        }),
        useEnv,
      );
    expect((await chat('llama3.2:latest', env)).status).toBe(200);
    expect((await chat('llama3.2:latest', taggedEnv)).status).toBe(200);
    expect(calls).toEqual([expect.objectContaining({ model: 'llama3.2' }), expect.objectContaining({ model: 'llama3.2:latest' })]);
  });
});

describe('/api/version', () => {
  it('answers HEAD without a body', async () => {
    const response = await handle(
      new Request('http://proxy.test/api/version', { method: 'HEAD', headers: { authorization: `Bearer ${PROXY_KEY}` } }),
      env,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});
