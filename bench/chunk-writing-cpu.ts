/**
 * CPU per streamed text chunk of writing it in each dialect, in process: the way the proxy writes
 * it (a template where the dialect has one for text, nearly every chunk of a stream) beside
 * serializing the same object whole with JSON.stringify, what the template stands for. Rounds
 * alternate between the two, the median is printed.
 *
 *   npx tsx bench/chunk-writing-cpu.ts
 */
import { chunkJson } from '../src/core/chunk-json';
import { deltaChunk, streamIdentity } from '../src/core/stream-chunks';
import { anthropicEventSse } from '../src/dialects/anthropic/encode-anthropic-sse';
import type { StreamEvent } from '../src/dialects/anthropic/anthropic-types';
import { chatLine } from '../src/dialects/ollama/ollama-lines';
import { responsesEventSse } from '../src/dialects/openai-responses/encode-responses-sse';
import type { ResponseStreamEvent } from '../src/dialects/openai-responses/responses-types';
import { median } from './stats';

const WRITES = 200_000;
const ROUNDS = 7;
const TEXTS = [' token', ' Hello', ' world', '!', ' the answer is "42"'];
const text = (i: number): string => TEXTS[i % TEXTS.length]!;

const identity = streamIdentity('msg_01XFDUDYJgAACzvnptvVoYEL', 'claude-sonnet-4-5-20250929');
const model = 'llama3.2';
const modelJson = JSON.stringify(model);
const anthropicDelta = (i: number): StreamEvent => ({
  type: 'content_block_delta',
  index: 0,
  delta: { type: 'text_delta', text: text(i) },
});
const responsesDelta = (i: number): ResponseStreamEvent => ({
  type: 'response.output_text.delta',
  item_id: 'msg_68a1f0c2e5d48190b0e9f1c3a2d4e5f6',
  output_index: 0,
  content_index: 0,
  delta: text(i),
  logprobs: [],
  sequence_number: i,
});

/** Each way makes the chunk's object as the proxy does (it is part of the cost) and writes it. */
const cases: { name: string; proxy: (i: number) => string; serialized: (i: number) => string }[] = [
  {
    name: 'OpenAI chunk from a family (deltaChunk)',
    proxy: (i) => chunkJson(deltaChunk(identity, { content: text(i) })),
    serialized: (i) => {
      const { id, created, model } = identity;
      return JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta: { content: text(i) }, finish_reason: null }],
      });
    },
  },
  {
    name: 'Ollama /api/chat text line',
    proxy: (i) => chatLine.textLine(modelJson, text(i)),
    serialized: (i) => `${JSON.stringify(chatLine(model, { content: text(i) }))}\n`,
  },
  {
    name: 'Anthropic text_delta event',
    proxy: (i) => anthropicEventSse(anthropicDelta(i)),
    serialized: (i) => {
      const event = anthropicDelta(i);
      return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    },
  },
  {
    name: 'Responses output_text.delta event',
    proxy: (i) => responsesEventSse(responsesDelta(i)),
    serialized: (i) => {
      const event = responsesDelta(i);
      return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    },
  },
];

let sink = 0;
function cpuPerWrite(write: (i: number) => string): number {
  const before = process.cpuUsage();
  for (let i = 0; i < WRITES; i++) sink += write(i).length;
  const used = process.cpuUsage(before);
  return (used.user + used.system) / WRITES;
}

console.log(`CPU per text chunk written (us), median of ${ROUNDS} rounds of ${WRITES}`);
for (const c of cases) {
  // An Ollama line's timestamp is the clock's, which may tick between the two.
  const untimed = (text: string) => text.replace(/"created_at":"[^"]*"/, '');
  if (untimed(c.proxy(1)) !== untimed(c.serialized(1))) throw new Error(`${c.name}: the proxy's text is not the serialized one`);
  const rounds = { proxy: [] as number[], serialized: [] as number[] };
  for (let round = 0; round <= ROUNDS; round++) {
    const proxy = cpuPerWrite(c.proxy);
    const serialized = cpuPerWrite(c.serialized);
    // round 0 warms both up
    if (round === 0) continue;
    rounds.proxy.push(proxy);
    rounds.serialized.push(serialized);
  }
  console.log(`  ${c.name.padEnd(40)} proxy ${median(rounds.proxy).toFixed(2)}  serialized whole ${median(rounds.serialized).toFixed(2)}`);
}
if (sink === 0) throw new Error('nothing written');
