/**
 * The OpenAI-compatible stream translator keeps an event's own data as the JSON of a chunk it
 * left unchanged, and the OpenAI dialect writes that text: whatever it keeps is exactly the JSON
 * of the chunk it hands on, for every recorded OpenAI-compatible stream and for the cases where
 * normalizing changes a chunk (which then is serialized again).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { chunkJson, withJson } from '../../src/core/chunk-json';
import { buildConfig } from '../../src/core/config';
import type { ChatCall } from '../../src/core/provider';
import { ServerSentEventBatches } from '../../src/core/sse';
import type { ChatChunk } from '../../src/core/types';
import { openaiSseEncoder } from '../../src/dialects/openai/encode-sse';
import { OpenAICompatibleStreamTranslator } from '../../src/families/openai-compatible/openai-compatible-stream';
import { definitions } from '../../src/providers/definitions';
import { testEnv } from '../helpers/test-env';

const config = buildConfig(testEnv, definitions);
const openai = config.providers.find((p) => p.id === 'openai')!;
const call: ChatCall = {
  provider: openai,
  model: openai.models[0]!,
  request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true },
  key: 'k',
  includeUsage: true,
  signal: undefined,
  secrets: config.secrets,
};

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const OPENAI_COMPATIBLE = [
  'azure',
  'bailian',
  'cerebras',
  'deepseek',
  'doubao',
  'grok',
  'groq',
  'lingyiwanwu',
  'moonshot',
  'ollama',
  'openai',
  'openrouter',
];
const streams = OPENAI_COMPATIBLE.flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((name) => name.endsWith('.upstream.txt'))
    .map((name) => `${dir}/${name}`)
    .filter((fixture) => readFileSync(join(FIXTURES, fixture), 'utf8').startsWith('data:')),
);

function body(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

async function chunksOf(sse: string): Promise<ChatChunk[]> {
  const out: ChatChunk[] = [];
  const driver = new ServerSentEventBatches(body(sse), new OpenAICompatibleStreamTranslator(call), (e) => e);
  try {
    for await (const batch of driver) out.push(...batch);
  } catch {
    // a recorded stream that ends in an error: its chunks before that are what counts here
  }
  return out;
}

const event = (data: object | string) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
const chunk = (delta: object, extra: object = {}, finish: string | null = null) => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

describe('the JSON of an OpenAI-compatible chunk', () => {
  it('is found for the recorded streams', () => expect(streams.length).toBeGreaterThan(10));

  it.each(streams)('%s: whatever text is kept is the JSON of its chunk', async (fixture) => {
    const chunks = await chunksOf(readFileSync(join(FIXTURES, fixture), 'utf8'));
    for (const c of chunks) expect(JSON.parse(chunkJson(c))).toEqual(c);
  });

  it("is the event's own data for a chunk left unchanged, without OpenAI's trailing usage: null", async () => {
    const first = JSON.stringify(chunk({ role: 'assistant', content: 'a' }));
    const second = `${JSON.stringify(chunk({ content: 'b' }))}`.replace(/}$/, ',"usage":null}');
    const [a, b] = await chunksOf(event(first) + event(second) + event(chunk({}, {}, 'stop')) + 'data: [DONE]\n\n');
    expect(chunkJson(a!)).toBe(first);
    expect(chunkJson(b!)).toBe(JSON.stringify(chunk({ content: 'b' })));
    expect(openaiSseEncoder.batch([a!, b!])).toBe(`data: ${first}\n\ndata: ${JSON.stringify(chunk({ content: 'b' }))}\n\n`);
  });

  it.each([
    ['a role added', event(chunk({ content: 'a' }))],
    ['reasoning moved', event(chunk({ role: 'assistant', reasoning: 'r' }))],
    [
      'usage moved',
      event(chunk({ role: 'assistant', content: 'a' }, { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })),
    ],
    [
      'a usage key besides the trailing one',
      event(JSON.stringify(chunk({ role: 'assistant', content: 'a' }, { x: { usage: 1 } })).replace(/}$/, ',"usage":null}')),
    ],
    ['a finish reason mapped', event(chunk({ role: 'assistant' }, {}, 'eos'))],
    [
      'a tool call index given',
      event(chunk({ role: 'assistant', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '' } }] })),
    ],
    [
      'an empty tool call id dropped',
      event(chunk({ role: 'assistant', tool_calls: [{ index: 0, id: '', function: { arguments: '{}' } }] })),
    ],
    [
      'data over two lines',
      `data: {"id":"c","object":"chat.completion.chunk","created":1,\ndata: "model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"a"},"finish_reason":null}]}\n\n`,
    ],
  ])('is serialized again after %s', async (_, sse) => {
    const [c] = await chunksOf(sse);
    expect(chunkJson(c!)).toBe(JSON.stringify(c));
  });

  it('is carried by the parsed chunk itself, whatever keys it has (an own __proto__ too), and written without serializing', async () => {
    const data = JSON.stringify(chunk({ role: 'assistant', content: 'a' })).replace(/}$/, ',"__proto__":{"x":1}}');
    const [c] = await chunksOf(event(data));
    expect(Object.hasOwn(c!, '__proto__')).toBe(true);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      expect(chunkJson(c!)).toBe(data);
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
    const parsed = JSON.parse(data) as ChatChunk;
    expect(withJson(parsed, data)).toBe(parsed);
  });
});
