/**
 * The family skeleton: the six steps run the same for any family, a streaming upstream is
 * collected for a non-streamed client, and the error readers (HTTP failure, failure with 200)
 * decide the client's error.
 */
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/core/config';
import { defineFamily, type FamilyParts } from '../../src/core/define-family';
import { ProxyError } from '../../src/core/errors';
import { defineProvider, type ChatCall } from '../../src/core/provider';
import type { ChatChunk, ChatResponse } from '../../src/core/types';
import type { TransportRequest } from '../../src/core/upstream-transport';
import { isCollected } from '../helpers/collected';

type Parts = FamilyParts<undefined, { asked: string }, { text: string }, string>;

const chunk = (delta: ChatChunk['choices'][number]['delta'], finish: ChatChunk['choices'][number]['finish_reason'] = null): ChatChunk => ({
  id: 'x',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: finish }],
});

function run(parts: Partial<Parts>, reply: () => Response, stream = false) {
  const sent: TransportRequest[] = [];
  const family = defineFamily<undefined, { asked: string }, { text: string }, string>({
    id: 'scripted',
    fields: {} as Parts['fields'],
    convertRequest: (call) => ({ body: { asked: call.model.upstream }, stream: call.request.stream === true, context: 'ctx' }),
    endpoint: (call, { body }) => ({
      request: {
        method: 'POST',
        url: 'https://scripted.test/chat',
        headers: {},
        body: JSON.stringify(body),
        auth: async () => ({ authorization: `Bearer ${call.key}` }),
      },
      send: { transport: async (request) => (sent.push(request), reply()) },
    }),
    readError: (text, status) => ({ vendor: { message: JSON.parse(text).why }, status: status === 400 ? 401 : status }),
    checkReply: (body) => (typeof (body as { text?: unknown }).text === 'string' ? undefined : 'no `text`'),
    convertResponse: (reply, _call, context): ChatResponse => ({
      id: context,
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: reply.text, refusal: null }, finish_reason: 'stop', logprobs: null }],
    }),
    translateStream: (call, context) => ({
      event: (event, out) => (out.push(chunk({ role: 'assistant', content: `${context}:${event.data}` })), false),
      end(out) {
        out.push(chunk({}, 'length'));
        if (call.includeUsage) out.push({ ...chunk({}), choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } });
      },
    }),
    ...parts,
  });
  const def = defineProvider({
    id: 'scripted',
    name: 'Scripted',
    family,
    options: undefined,
    env: { key: ['SCRIPTED_KEY'] },
    defaultBaseUrl: 'https://scripted.test',
    models: [{ id: 'm' }],
  });
  const config = buildConfig({ SCRIPTED_KEY: 'k1' }, [def]);
  const provider = config.providers[0]!;
  const call: ChatCall<undefined> = {
    provider: provider as never,
    model: provider.models[0]!,
    request: { model: 'm', messages: [{ role: 'user', content: 'hi' }], stream },
    key: 'k1',
    includeUsage: false,
    signal: undefined,
    secrets: config.secrets,
  };
  return { result: family.chat(call), sent, request: new WeakRef(call.request) };
}

describe('defineFamily', () => {
  it('converts, sends with auth, checks and converts a JSON answer', async () => {
    const { result, sent } = run({}, () => Response.json({ text: 'hello' }));
    const answer = await result;
    expect(answer.kind === 'completion' && answer.body.choices[0]!.message.content).toBe('hello');
    expect(answer.kind === 'completion' && answer.body.id).toBe('ctx');
    expect(sent[0]!.headers.authorization).toBe('Bearer k1');
    expect(JSON.parse(sent[0]!.body)).toEqual({ asked: 'm' });
  });

  it('streams to a streaming client', async () => {
    const { result } = run({}, () => new Response('data: bytes\n\n'), true);
    const answer = await result;
    expect(answer.kind).toBe('stream');
  });

  it('keeps no reference to the request while the stream is open (a long conversation would stay in memory)', async () => {
    const open = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('data: a\n\n')) });
    const { result, request } = run({}, () => new Response(open, { headers: { 'content-type': 'text/event-stream' } }), true);
    const streamed = await result;
    expect(await isCollected(request)).toBe(true);
    expect(streamed.kind).toBe('stream');
  });

  it('collects the stream of an upstream that must stream, for a non-streamed client, with usage', async () => {
    const { result } = run(
      { convertRequest: () => ({ body: { asked: 'm' }, stream: true, context: 'c' }) },
      () => new Response('data: bytes\n\n'),
    );
    const answer = await result;
    if (answer.kind !== 'completion') throw new Error('expected a completion');
    expect(answer.body.choices[0]!.message.content).toBe('c:bytes');
    expect(answer.body.choices[0]!.finish_reason).toBe('length');
    expect(answer.body.usage).toEqual({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
  });

  it('reads an HTTP failure with the family reader (a 400 that is a bad key -> 502 naming the variable)', async () => {
    const { result } = run({}, () => Response.json({ why: 'bad key k1' }, { status: 400 }));
    const error = (await result.catch((e: unknown) => e)) as ProxyError;
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.status).toBe(502);
    expect(error.message).toContain('SCRIPTED_KEY');
  });

  it('lets a family turn an HTTP 200 into a failure', async () => {
    const failure = new ProxyError('refused', { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    const { result } = run({ readOkFailure: async () => failure }, () => Response.json({ text: 'ignored' }));
    await expect(result).rejects.toBe(failure);
  });

  it('refuses a reply its check refuses', async () => {
    const { result } = run({}, () => Response.json({ nope: true }));
    const error = (await result.catch((e: unknown) => e)) as ProxyError;
    expect(error.status).toBe(502);
    expect(error.message).toContain('no `text`');
  });
});
