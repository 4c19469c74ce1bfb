/**
 * The typed clients in generated/<api>/client.ts: one function per operation of each upstream spec,
 * building exactly the URL and RequestInit a hand-written fetch would (path segments encoded,
 * query, auth header from the spec's security scheme, unset optional headers left out).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as anthropic from '../../generated/anthropic/client';
import * as gemini from '../../generated/gemini/client';
import * as openai from '../../generated/openai/client';
import { upstreamApis } from '../../codegen/typed-clients';

const root = join(import.meta.dirname, '..', '..');
const clients: Record<string, Record<string, unknown>> = { anthropic, gemini, openai };

describe('typed clients', () => {
  it.each(upstreamApis)('%s has a function for every operation in its spec', (api) => {
    const doc = parse(readFileSync(join(root, 'specs', `${api}.yaml`), 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => (op?.operationId ? [op.operationId] : [])));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(typeof clients[api]![id], id).toBe('function');
  });

  it('OpenAI: bearer auth and the JSON body; a GET has neither body nor content type', () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };
    const call = openai.createChatCompletion('https://api.openai.com/v1', 'sk-1', { body });
    expect(call).toEqual({
      url: 'https://api.openai.com/v1/chat/completions',
      init: {
        method: 'POST',
        headers: { authorization: 'Bearer sk-1', 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: undefined,
      },
    });
    const model = openai.retrieveModel('https://api.openai.com/v1', 'sk-1', { path: { model: 'ft:gpt/4o?x' } });
    expect(model.url).toBe('https://api.openai.com/v1/models/ft%3Agpt%2F4o%3Fx');
    expect(model.init).toEqual({ method: 'GET', headers: { authorization: 'Bearer sk-1' }, signal: undefined });
  });

  it('Gemini: the model as one URL segment, the query, and the key header', () => {
    const signal = new AbortController().signal;
    const call = gemini.streamGenerateContent('https://generativelanguage.googleapis.com', 'g-1', {
      path: { model: 'gemini-2.5-flash' },
      query: { alt: 'sse' },
      body: { contents: [] },
      signal,
    });
    expect(call.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(call.init.headers).toEqual({ 'x-goog-api-key': 'g-1', 'content-type': 'application/json' });
    expect(call.init.signal).toBe(signal);
  });

  it('Anthropic: header parameters as given, unset ones absent', () => {
    const body = { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] };
    const headers = (header?: Record<string, string | undefined>) =>
      anthropic.messages_post('https://api.anthropic.com', 'a-1', { body, ...(header ? { header } : {}) }).init.headers;
    expect(headers({ 'anthropic-version': '2023-06-01', 'anthropic-beta': undefined })).toEqual({
      'x-api-key': 'a-1',
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
    });
    expect(headers()).toEqual({ 'x-api-key': 'a-1', 'content-type': 'application/json' });
  });
});
