/**
 * The typed clients in generated/<api>/client.ts: one function per operation of each upstream spec,
 * building exactly the call a hand-written one would (path segments checked and encoded, query,
 * auth header from the spec's security scheme, unset optional headers left out, the body
 * serialized once or passed as it is).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as anthropic from '../../generated/anthropic/client';
import * as cohere from '../../generated/cohere/client';
import * as coze from '../../generated/coze/client';
import * as gemini from '../../generated/gemini/client';
import * as openai from '../../generated/openai/client';
import { upstreamApis } from '../../codegen/typed-clients';

const root = join(import.meta.dirname, '..', '..');
const clients: Record<string, Record<string, unknown>> = { anthropic, cohere, coze, gemini, openai };

describe('typed clients', () => {
  it.each(upstreamApis)('%s has a function for every operation in its spec', (api) => {
    const doc = parse(readFileSync(join(root, 'specs', `${api}.yaml`), 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => (op?.operationId ? [op.operationId] : [])));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(typeof clients[api]![id], id).toBe('function');
  });

  it('OpenAI: bearer auth and the body serialized once; a GET has neither body nor content type', async () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };
    const { auth, ...call } = openai.createChatCompletion('https://api.openai.com/v1', 'sk-1', { body });
    expect(call).toEqual({
      method: 'POST',
      url: 'https://api.openai.com/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(await auth(false)).toEqual({ authorization: 'Bearer sk-1' });
    const model = openai.retrieveModel('https://api.openai.com/v1', 'sk-1', { path: { model: 'ft:gpt/4o@x' } });
    expect(model.url).toBe('https://api.openai.com/v1/models/ft%3Agpt%2F4o@x');
    expect(model).toMatchObject({ method: 'GET', headers: {} });
    expect(model.body).toBeUndefined();
  });

  it("a pre-serialized body goes as it is; a provider credential and query replace the spec's", async () => {
    const json = '{"model":"gpt-4o","input":"hi","future_field":1}';
    const auth = async (refresh: boolean) => ({ 'api-key': refresh ? 'fresh' : 'stale' });
    const call = openai.createResponse('https://x.openai.azure.com/openai/v1', auth, { json, search: 'api-version=2025-04-01' });
    expect(call.body).toBe(json);
    expect(call.url).toBe('https://x.openai.azure.com/openai/v1/responses?api-version=2025-04-01');
    expect(await call.auth(true)).toEqual({ 'api-key': 'fresh' });
  });

  it('Gemini: the model as one URL segment, the query, and the key header', async () => {
    const call = gemini.streamGenerateContent('https://generativelanguage.googleapis.com', 'g-1', {
      path: { model: 'gemini-2.5-flash' },
      query: { alt: 'sse' },
      body: { contents: [] },
    });
    expect(call.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(call.headers).toEqual({ 'content-type': 'application/json' });
    expect(await call.auth(false)).toEqual({ 'x-goog-api-key': 'g-1' });
  });

  it('a path segment that could leave its place is a 400 before any call', () => {
    const send = () => gemini.generateContent('https://g.test', 'g-1', { path: { model: '../../v1/files' }, body: { contents: [] } });
    expect(send).toThrow(expect.objectContaining({ status: 400, code: 'invalid_model_name' }));
  });

  it('Anthropic: header parameters as given, unset ones absent', () => {
    const body = { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] };
    const headers = (header?: Record<string, string | undefined>) =>
      anthropic.messages_post('https://api.anthropic.com', 'a-1', { body, ...(header ? { header } : {}) }).headers;
    expect(headers({ 'anthropic-version': '2023-06-01', 'anthropic-beta': undefined })).toEqual({
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
    });
    expect(headers()).toEqual({ 'content-type': 'application/json' });
  });
});
