/**
 * The NDJSON encoder and its reply state: text and thinking go out as they arrive, tool calls
 * whole with parsed arguments, the `done` line ends the stream on every finish reason with
 * Ollama's counters (nanoseconds, split at the first output), and a failure is the last line.
 * A line of text alone is written without a line object, exactly as serializing the line writes it.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProxyError } from '../../src/core/errors';
import { flowOf, readableStreamOf } from '../../src/core/flow';
import type { ChatChunk, ChatChunkDelta, FinishReason, Usage } from '../../src/core/types';
import { encodeOllamaNdjson } from '../../src/dialects/ollama/encode-ndjson';
import { chatLine, generateLine, type LineShape } from '../../src/dialects/ollama/ollama-lines';

type Line = Record<string, any>;

const chunk = (delta: ChatChunkDelta, finish: FinishReason = null, usage?: Usage): ChatChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'upstream-model',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...(usage ? { usage } : {}),
});
const usageChunk = (usage: Usage): ChatChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'upstream-model',
  choices: [],
  usage,
});

/** Each chunk as its own batch (upstream read). */
async function* from(chunks: ChatChunk[]): AsyncGenerator<ChatChunk[]> {
  for (const c of chunks) yield [c];
}

async function lines(stream: ReadableStream<Uint8Array>): Promise<Line[]> {
  const text = await new Response(stream).text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

const encode = (chunks: AsyncIterable<ChatChunk[]>, shape: LineShape = chatLine, onError?: (e: unknown) => void) =>
  lines(readableStreamOf(encodeOllamaNdjson(flowOf(chunks), 'my-model', shape, Date.now(), onError)));

afterEach(() => vi.useRealTimers());

describe('encodeOllamaNdjson', () => {
  it('sends text as it arrives, skips empty chunks, and ends with the done line and token counts', async () => {
    const out = await encode(
      from([
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Hel' }),
        chunk({ content: 'lo' }),
        chunk({}, 'stop'),
        usageChunk({ prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 }),
      ]),
    );
    expect(out.map((l) => [l.message.content, l.done])).toEqual([
      ['Hel', false],
      ['lo', false],
      ['', true],
    ]);
    expect(out[0]).toMatchObject({ model: 'my-model', message: { role: 'assistant' } });
    expect(out[0]!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(out[2]).toMatchObject({ done_reason: 'stop', prompt_eval_count: 9, eval_count: 2, load_duration: 0 });
  });

  for (const [finish, reason] of [
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'stop'],
    ['content_filter', 'content_filter'],
    ['function_call', 'stop'],
  ] as const) {
    it(`ends on finish_reason ${finish} with done_reason ${reason}`, async () => {
      const out = await encode(from([chunk({ content: 'x' }), chunk({}, finish)]));
      expect(out.at(-1)).toMatchObject({ done: true, done_reason: reason });
    });
  }

  it('puts thinking in message.thinking, apart from the content', async () => {
    const out = await encode(from([chunk({ reasoning_content: 'Let me see.' }), chunk({ content: '42' }), chunk({}, 'stop')]));
    expect(out[0]!.message).toEqual({ role: 'assistant', content: '', thinking: 'Let me see.' });
    expect(out[1]!.message).toEqual({ role: 'assistant', content: '42' });
  });

  it('keeps tool call fragments and sends each call whole, arguments parsed, before the done line', async () => {
    const out = await encode(
      from([
        chunk({ tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chunk({
          tool_calls: [
            { index: 0, function: { arguments: '"Paris"}' } },
            { index: 1, id: 'b', function: { name: 'get_time', arguments: '' } },
          ],
        }),
        chunk({}, 'tool_calls'),
      ]),
    );
    expect(out).toHaveLength(2);
    expect(out[0]!.message).toEqual({
      role: 'assistant',
      content: '',
      tool_calls: [
        { function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } },
        { function: { index: 1, name: 'get_time', arguments: {} } },
      ],
    });
    expect(out[1]).toMatchObject({ done: true, done_reason: 'stop' });
  });

  it('ends with an error line when a tool call has arguments that are not a JSON object', async () => {
    const onError = vi.fn();
    const out = await encode(
      from([chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '[1,2' } }] }), chunk({}, 'tool_calls')]),
      chatLine,
      onError,
    );
    expect(out).toEqual([{ error: 'The model called `f` with arguments that are not a JSON object.' }]);
    expect(onError).toHaveBeenCalledOnce();
  });

  it('ends a stream that fails mid-way with one error line and no done line', async () => {
    async function* failing(): AsyncGenerator<ChatChunk[]> {
      yield [chunk({ content: 'Once upon' })];
      throw new ProxyError('Upstream stream failed: reset', { status: 502, type: 'upstream_error' });
    }
    const out = await encode(failing());
    expect(out).toEqual([
      expect.objectContaining({ message: { role: 'assistant', content: 'Once upon' }, done: false }),
      { error: 'Upstream stream failed: reset' },
    ]);
  });

  it('never shows the internals of an unexpected failure', async () => {
    async function* broken(): AsyncGenerator<ChatChunk[]> {
      throw new TypeError('secret internals');
    }
    expect(await encode(broken())).toEqual([{ error: 'The proxy failed to complete the request.' }]);
  });

  it('shapes /api/generate lines with response and thinking', async () => {
    const out = await encode(from([chunk({ reasoning_content: 'hmm' }), chunk({ content: 'Blue.' }), chunk({}, 'length')]), generateLine);
    expect(out.map(({ created_at: _at, total_duration: _t, prompt_eval_duration: _p, eval_duration: _e, ...rest }) => rest)).toEqual([
      { model: 'my-model', response: '', thinking: 'hmm', done: false },
      { model: 'my-model', response: 'Blue.', done: false },
      { model: 'my-model', response: '', done: true, done_reason: 'length', load_duration: 0, prompt_eval_count: 0, eval_count: 0 },
    ]);
  });

  it('reports durations in nanoseconds, split at the first output', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const started = Date.now();
    async function* timed(): AsyncGenerator<ChatChunk[]> {
      vi.setSystemTime(started + 30);
      yield [chunk({ content: 'a' })];
      vi.setSystemTime(started + 100);
      yield [chunk({}, 'stop')];
    }
    const out = await lines(readableStreamOf(encodeOllamaNdjson(flowOf(timed()), 'm', chatLine, started)));
    expect(out.at(-1)).toMatchObject({ total_duration: 100_000_000, prompt_eval_duration: 30_000_000, eval_duration: 70_000_000 });
  });

  it('returns the chunk iterator when the client goes away, which cancels the upstream', async () => {
    let closed = false;
    async function* endless(): AsyncGenerator<ChatChunk[]> {
      try {
        for (;;) yield [chunk({ content: '.' })];
      } finally {
        closed = true;
      }
    }
    const reader = readableStreamOf(encodeOllamaNdjson(flowOf(endless()), 'm', chatLine, Date.now())).getReader();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
  });
});

describe('a line of text alone', () => {
  const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('a "quoted" \\ line\nbreak', '\u2028\u0000é😀', ''));

  it.each([
    ['chat', chatLine],
    ['generate', generateLine],
  ])('%s: is what serializing the line gives, for any model and text', (_name, shape) => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 22, 11, 21, 649) });
    fc.assert(
      fc.property(text, text, (model, content) => {
        expect(shape.textLine(JSON.stringify(model), content)).toBe(`${JSON.stringify(shape(model, { content }))}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('is how the encoder writes text, and thinking or tool calls still go through the line object', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 22, 11, 21, 5), toFake: ['Date'] });
    const textLine = vi.spyOn(chatLine, 'textLine');
    const out = await encode(
      from([chunk({ content: 'He said "hi"' }), chunk({ reasoning_content: 'hmm', content: 'x' }), chunk({}, 'stop')]),
    );
    expect(textLine).toHaveBeenCalledTimes(1);
    expect(out[0]).toEqual({
      model: 'my-model',
      created_at: '2026-12-01T22:11:21.005Z',
      message: { role: 'assistant', content: 'He said "hi"' },
      done: false,
    });
    expect(out[1]).toMatchObject({ message: { role: 'assistant', content: 'x', thinking: 'hmm' }, done: false });
  });
});
