/**
 * Chunks a family makes from its stream's identity (`deltaChunk`) are written by the OpenAI
 * dialect from a prefix made once per stream, not by serializing each chunk: for any id, model,
 * index, delta and finish reason the text is exactly what serializing the chunk gives, a chunk
 * keeps the identity it was made with when the identity changes later, and every chunk the
 * Anthropic, Gemini, Cohere and Coze translators make of their recorded streams takes that path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunkJson } from '../../src/core/chunk-json';
import { buildConfig } from '../../src/core/config';
import type { ChatCall } from '../../src/core/provider';
import { ServerSentEventBatches, type StreamStateMachine } from '../../src/core/sse';
import { deltaChunk, streamIdentity } from '../../src/core/stream-chunks';
import type { ChatChunk, ChatChunkDelta, FinishReason } from '../../src/core/types';
import { AnthropicStreamTranslator } from '../../src/families/anthropic/anthropic-stream';
import { CohereStreamTranslator } from '../../src/families/cohere/cohere-stream';
import { CozeStreamTranslator } from '../../src/families/coze/coze-stream';
import { GeminiStreamTranslator } from '../../src/families/gemini/gemini-stream';
import { definitions } from '../../src/providers/definitions';
import { testEnv } from '../helpers/test-env';

const plain = (id: string, created: number, model: string, index: number, delta: ChatChunkDelta, finish: FinishReason) => ({
  id,
  object: 'chat.completion.chunk',
  created,
  model,
  choices: [{ index, delta, finish_reason: finish }],
});

const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('a "quoted" \\ line\nbreak', '\u2028\u0000é😀', '</script>'));
const finishes = fc.constantFrom<FinishReason>(null, 'stop', 'length', 'tool_calls', 'content_filter', 'function_call');
const deltas = fc.oneof(
  text.map((content): ChatChunkDelta => ({ content })),
  text.map((content): ChatChunkDelta => ({ role: 'assistant', content })),
  text.map((reasoning_content) => ({ reasoning_content }) as ChatChunkDelta),
  fc.constant<ChatChunkDelta>({}),
  fc
    .record({ name: text, args: text })
    .map(
      ({ name, args }): ChatChunkDelta => ({ tool_calls: [{ index: 0, id: 't', type: 'function', function: { name, arguments: args } }] }),
    ),
  fc.dictionary(fc.string(), fc.jsonValue()).map((value) => value as ChatChunkDelta),
);

describe('the JSON of a chunk made from its stream identity', () => {
  it('is what serializing the chunk gives, for any identity, index, delta and finish reason', () => {
    fc.assert(
      fc.property(text, text, fc.nat(), fc.nat({ max: 8 }), deltas, finishes, (id, model, created, index, delta, finish) => {
        const identity = { ...streamIdentity(id, model), created };
        const chunk = deltaChunk(identity, delta, finish, index);
        const json = chunkJson(chunk);
        expect(json).toBe(JSON.stringify(plain(id, created, model, index, delta, finish)));
        expect(chunk).toEqual(plain(id, created, model, index, delta, finish));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the id and model a chunk was made with when the identity changes after it', () => {
    const identity = streamIdentity('', 'claude-sonnet-4-5');
    const before = deltaChunk(identity, { role: 'assistant', content: '' });
    identity.id = 'msg_1';
    identity.model = 'claude-sonnet-4-5-20250929';
    const after = deltaChunk(identity, { content: 'Hi' });
    const other = deltaChunk(identity, { content: 'there' }, null, 1);
    for (const chunk of [after, before, other, after, before]) expect(chunkJson(chunk)).toBe(JSON.stringify(chunk));
    expect(JSON.parse(chunkJson(before))).toMatchObject({ id: '', model: 'claude-sonnet-4-5' });
    expect(JSON.parse(chunkJson(other))).toMatchObject({ id: 'msg_1', choices: [{ index: 1 }] });
  });

  it('is serialized whole where the identity lacks a field serializing would leave out', () => {
    // A value the types rule out but a vendor's JSON can leave out: the model.
    const identity = streamIdentity('c', undefined as unknown as string);
    const missingModel = deltaChunk(identity, { content: 'x' });
    expect(chunkJson(missingModel)).toBe(JSON.stringify(missingModel));
    expect(JSON.parse(chunkJson(missingModel))).not.toHaveProperty('model');
  });
});

const config = buildConfig(testEnv, definitions);

function callTo(providerId: string): ChatCall {
  const provider = config.providers.find((p) => p.id === providerId)!;
  return {
    provider,
    model: provider.models[0]!,
    request: { model: provider.models[0]!.id, messages: [{ role: 'user', content: 'hi' }], stream: true },
    key: 'k',
    includeUsage: true,
    signal: undefined,
    secrets: config.secrets,
  };
}

const recorded: [string, () => StreamStateMachine<ChatChunk>][] = [
  ...['stream', 'tool-call-stream', 'reasoning-tools-stream'].map((name): [string, () => StreamStateMachine<ChatChunk>] => [
    `anthropic/${name}`,
    () => new AnthropicStreamTranslator(callTo('anthropic'), undefined),
  ]),
  ...['stream', 'tool-call-stream', 'reasoning-tools-stream'].map((name): [string, () => StreamStateMachine<ChatChunk>] => [
    `google/${name}`,
    () => new GeminiStreamTranslator(callTo('google')),
  ]),
  ...['stream', 'tool-call-stream'].map((name): [string, () => StreamStateMachine<ChatChunk>] => [
    `cohere/${name}`,
    () => new CohereStreamTranslator(callTo('cohere')),
  ]),
  ...['stream', 'tool-call-stream', 'reasoning'].map((name): [string, () => StreamStateMachine<ChatChunk>] => [
    `coze/${name}`,
    () => new CozeStreamTranslator(callTo('coze')),
  ]),
];

describe('the recorded streams of the families that make chunks from their identity', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(recorded)('%s: every chunk is written from its prefix, as serializing it would write it', async (fixture, machine) => {
    const bytes = readFileSync(join(import.meta.dirname, '..', 'fixtures', `${fixture}.upstream.txt`));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(bytes));
        controller.close();
      },
    });
    const chunks: ChatChunk[] = [];
    for await (const batch of new ServerSentEventBatches(body, machine())) chunks.push(...batch);
    const deltaChunks = chunks.filter((chunk) => chunk.choices.length > 0);
    expect(deltaChunks.length).toBeGreaterThan(1);
    const serialized = new Set<unknown>();
    const stringify = JSON.stringify;
    vi.spyOn(JSON, 'stringify').mockImplementation((value: unknown) => {
      serialized.add(value);
      return stringify(value);
    });
    const written = deltaChunks.map(chunkJson);
    vi.restoreAllMocks();
    expect(deltaChunks.filter((chunk) => serialized.has(chunk))).toEqual([]);
    expect(written).toEqual(deltaChunks.map((chunk) => JSON.stringify(chunk)));
  });
});
