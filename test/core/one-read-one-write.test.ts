/**
 * The stream pipeline end to end (family state machine, dispatch's guard, dialect encoder): the
 * events of one upstream read reach the client as one write in every dialect, and a silent
 * Anthropic-dialect stream gets its keep-alive `ping`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handle } from '../../src/app';
import { encodeChunkStream } from '../../src/core/encode-chunk-stream';
import { flowOf, readableStreamOf } from '../../src/core/flow';
import { ServerSentEventBatches } from '../../src/core/sse';
import type { ChatChunk } from '../../src/core/types';
import { encodeOpenAISse, openaiSseEncoder } from '../../src/dialects/openai/encode-sse';
import { OpenAICompatibleStreamTranslator } from '../../src/families/openai-compatible/openai-compatible-stream';
import { AnthropicStreamState } from '../../src/dialects/anthropic/anthropic-stream-state';
import { encodeAnthropicSse } from '../../src/dialects/anthropic/encode-anthropic-sse';

const env = { API_KEY: 'k', OPENAI_API_KEY: 'o', LOG_LEVEL: 'off', RESPONSES_NATIVE: 'off' };
const encoder = new TextEncoder();

const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

const WORDS = ['w0', 'w1', 'w2', 'w3', 'w4'];

/** The upstream's reads: the opening, five words in one read, the end. */
const reads = [
  chunk({ role: 'assistant', content: '' }),
  WORDS.map((word) => chunk({ content: word })).join(''),
  chunk({}, 'stop') + 'data: [DONE]\n\n',
];

function upstream(): Response {
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < reads.length) controller.enqueue(encoder.encode(reads[next++]!));
      else controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

async function writes(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  return rest(stream.getReader());
}

async function rest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    out.push(new TextDecoder().decode(value));
  }
}

const dialects = [
  {
    name: 'OpenAI',
    path: '/v1/chat/completions',
    body: { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] },
  },
  { name: 'Ollama', path: '/api/chat', body: { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] } },
  {
    name: 'Anthropic',
    path: '/v1/messages',
    body: { model: 'gpt-4o-mini', stream: true, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] },
  },
  { name: 'Responses', path: '/v1/responses', body: { model: 'gpt-4o-mini', stream: true, input: 'hi', store: false } },
];

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe.each(dialects)('the $name dialect', ({ path, body }) => {
  it('writes what one upstream read completed in one write', async () => {
    vi.stubGlobal('fetch', async () => upstream());
    const response = await handle(
      new Request(`http://proxy.test${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      env,
    );
    expect(response.status).toBe(200);
    const out = await writes(response.body!);
    const holding = WORDS.map((word) => out.findIndex((write) => write.includes(`"${word}`)));
    expect(holding[0]).toBeGreaterThanOrEqual(0);
    expect(new Set(holding)).toEqual(new Set([holding[0]]));
  });
});

describe('encodeChunkStream', () => {
  const one: ChatChunk = {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content: 'a' }, finish_reason: null }],
  };

  it('writes a batch of several chunks as one enqueue', async () => {
    async function* batches(): AsyncGenerator<ChatChunk[]> {
      yield [one, one, one];
    }
    const out = await writes(readableStreamOf(encodeChunkStream(flowOf(batches()), openaiSseEncoder)));
    expect(out).toEqual([openaiSseEncoder.batch([one, one, one]), 'data: [DONE]\n\n']);
  });

  it('sends the keep-alive text after the upstream was silent that long, and only then', async () => {
    vi.useFakeTimers();
    let release: () => void = () => undefined;
    async function* silent(): AsyncGenerator<ChatChunk[]> {
      yield [one];
      await new Promise<void>((resolve) => (release = resolve));
    }
    const reader = readableStreamOf(encodeAnthropicSse(flowOf(silent()), new AnthropicStreamState('id', 'm'))).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('text_delta');
    const next = reader.read();
    await vi.advanceTimersByTimeAsync(9_000);
    let got: string | undefined;
    void next.then((r) => (got = new TextDecoder().decode(r.value)));
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(got).toBe('event: ping\ndata: {"type":"ping"}\n\n');
    release();
    expect((await rest(reader)).join('')).toContain('event: message_stop');
  });

  it('cancels the upstream of a client that leaves while a read is pending, and reports no failure', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(encoder.encode(reads[0]!)),
      cancel: () => void (cancelled = true),
    });
    const call = { provider: {}, includeUsage: false } as ConstructorParameters<typeof OpenAICompatibleStreamTranslator>[0];
    const onError = vi.fn();
    const reader = readableStreamOf(
      encodeOpenAISse(new ServerSentEventBatches(body, new OpenAICompatibleStreamTranslator(call)), onError),
    ).getReader();
    expect((await reader.read()).done).toBe(false);
    const pending = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await reader.cancel();
    expect((await pending).done).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cancelled).toBe(true);
    expect(onError).not.toHaveBeenCalled();
  });
});
