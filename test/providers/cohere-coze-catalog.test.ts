/**
 * The Cohere catalog and the Coze bots (COZE_BOTS) as the model listings report them: /v1/models
 * and /v1/models/{id} (owned_by, context_window, capabilities), /api/tags (names and families)
 * and /api/show (capabilities, context length in model_info).
 */
import { describe, expect, it } from 'vitest';
import { handle } from '../../src/app';
import type { OllamaShowResponse, OllamaTagsResponse } from '../../src/dialects/ollama/ollama-types';
import type { ListModelsResponse, ModelObject } from '../../src/core/types';
import { PROXY_KEY, testEnv } from '../helpers/test-env';

const send = async <T>(path: string, body?: unknown): Promise<T> => {
  const response = await handle(
    new Request(`http://proxy.test${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    { ...testEnv },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

const caps = (tools: boolean, vision: boolean, reasoning: boolean, embedding: boolean) => ({ tools, vision, reasoning, embedding });

describe('Cohere and Coze in /v1/models', () => {
  it('lists the Cohere catalog with its context windows and capabilities', async () => {
    const { data } = await send<ListModelsResponse>('/v1/models');
    const cohere = data.filter((m) => m.owned_by === 'cohere');
    const entry = (id: string) => cohere.find((m) => m.id === id);
    expect(cohere.map((m) => m.id)).toEqual([
      'command-a-03-2025',
      'command-a-reasoning-08-2025',
      'command-a-vision-07-2025',
      'command-r-plus-08-2024',
      'command-r-08-2024',
      'command-r7b-12-2024',
      'embed-v4.0',
      'embed-english-v3.0',
      'embed-multilingual-v3.0',
    ]);
    expect(entry('command-a-03-2025')).toMatchObject({ context_window: 256000, capabilities: caps(true, false, false, false) });
    expect(entry('command-a-reasoning-08-2025')).toMatchObject({ context_window: 256000, capabilities: caps(true, false, true, false) });
    expect(entry('command-a-vision-07-2025')).toMatchObject({ context_window: 128000, capabilities: caps(false, true, false, false) });
    expect(entry('command-r-plus-08-2024')).toMatchObject({ context_window: 128000, capabilities: caps(true, false, false, false) });
    expect(entry('embed-v4.0')).toMatchObject({ context_window: 128000, capabilities: caps(false, false, false, true) });
    expect(entry('embed-english-v3.0')).toMatchObject({ context_window: 512, capabilities: caps(false, false, false, true) });
  });

  it('lists each Coze bot under its COZE_BOTS name, without a context window it does not know', async () => {
    const { data } = await send<ListModelsResponse>('/v1/models');
    const bots = data.filter((m) => m.owned_by === 'coze');
    expect(bots).toEqual([
      { id: 'helper', object: 'model', created: 1700000000, owned_by: 'coze', capabilities: caps(false, false, false, false) },
      { id: 'coze-vision', object: 'model', created: 1700000000, owned_by: 'coze', capabilities: caps(false, false, false, false) },
    ]);
    expect(await send<ModelObject>('/v1/models/coze/helper')).toMatchObject({ id: 'coze/helper', owned_by: 'coze' });
    expect(await send<ModelObject>('/v1/models/command')).toMatchObject({ owned_by: 'cohere' });
  });
});

describe('Cohere and Coze in /api/tags and /api/show', () => {
  it('tags name the models as they route, with their families', async () => {
    const { models } = await send<OllamaTagsResponse>('/api/tags');
    const family = (name: string) => models.find((m) => m.name === name)?.details.family;
    expect(family('command-r-08-2024')).toBe('command');
    expect(family('embed-v4.0')).toBe('embed');
    expect(family('helper')).toBe('coze');
    expect(family('coze-vision')).toBe('coze');
  });

  it.each([
    ['command-a-03-2025', ['completion', 'tools'], { 'command.context_length': 256000 }],
    ['command-a-reasoning-08-2025', ['completion', 'tools', 'thinking'], { 'command.context_length': 256000 }],
    ['command-a-vision-07-2025', ['completion', 'vision'], { 'command.context_length': 128000 }],
    ['embed-multilingual-v3.0', ['embedding'], { 'embed.context_length': 512 }],
    ['helper', ['completion'], {}],
    ['coze/helper', ['completion'], {}],
  ])('/api/show %s', async (model, capabilities, context) => {
    const shown = await send<OllamaShowResponse>('/api/show', { model });
    expect(shown.capabilities).toEqual(capabilities);
    const family = Object.keys(context)[0]?.split('.')[0] ?? 'coze';
    expect(shown.model_info).toEqual({ 'general.architecture': family, 'general.basename': model, ...context });
  });
});
