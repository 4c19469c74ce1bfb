/**
 * Every family's stream state machine, driven by the one driver (ServerSentEventBatches): a
 * recorded upstream stream gives the same chunks for a cut at every byte position and for many
 * cuts at once (mid-line, mid-character), the chunks one read completed come as one batch, and a
 * failure in a read lets the chunks before it out first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { buildConfig } from '../../src/core/config';
import type { ChatCall } from '../../src/core/provider';
import { ServerSentEventBatches, type StreamStateMachine } from '../../src/core/sse';
import type { FlowSink } from '../../src/core/flow';
import type { ChatChunk } from '../../src/core/types';
import type { UpstreamBody } from '../../src/core/upstream-transport';
import { asStreamError } from '../../src/core/upstream-error';
import { AnthropicStreamTranslator } from '../../src/families/anthropic/anthropic-stream';
import { CohereStreamTranslator } from '../../src/families/cohere/cohere-stream';
import { CozeStreamTranslator } from '../../src/families/coze/coze-stream';
import { GeminiStreamTranslator } from '../../src/families/gemini/gemini-stream';
import { OpenAICompatibleStreamTranslator } from '../../src/families/openai-compatible/openai-compatible-stream';
import { definitions } from '../../src/providers/definitions';
import { cutBytes } from '../helpers/cut-bytes';
import { testEnv } from '../helpers/test-env';

const config = buildConfig(testEnv, definitions);

function callTo(providerId: string, model: string): ChatCall {
  const provider = config.providers.find((p) => p.id === providerId)!;
  return {
    provider,
    model: provider.models.find((m) => m.id === model) ?? provider.models[0]!,
    request: { model, messages: [{ role: 'user', content: 'hi' }], stream: true },
    key: 'k',
    includeUsage: true,
    signal: undefined,
    secrets: config.secrets,
  };
}

interface Family {
  readonly name: string;
  readonly fixtures: readonly string[];
  readonly machine: () => StreamStateMachine<ChatChunk>;
  readonly call: ChatCall;
}

const families: Family[] = [
  {
    name: 'openai-compatible',
    fixtures: ['openai/stream', 'openai/tool-call-stream'],
    call: callTo('openai', 'gpt-4o-mini'),
    machine: () => new OpenAICompatibleStreamTranslator(callTo('openai', 'gpt-4o-mini')),
  },
  {
    name: 'anthropic',
    fixtures: ['anthropic/stream', 'anthropic/tool-call-stream', 'anthropic/reasoning-tools-stream'],
    call: callTo('anthropic', 'claude-sonnet-4-5-20250929'),
    machine: () => new AnthropicStreamTranslator(callTo('anthropic', 'claude-sonnet-4-5-20250929'), undefined),
  },
  {
    name: 'gemini',
    fixtures: ['google/stream', 'google/tool-call-stream'],
    call: callTo('google', 'gemini-2.5-flash'),
    machine: () => new GeminiStreamTranslator(callTo('google', 'gemini-2.5-flash')),
  },
  {
    name: 'cohere',
    fixtures: ['cohere/stream', 'cohere/tool-call-stream'],
    call: callTo('cohere', 'command-a-03-2025'),
    machine: () => new CohereStreamTranslator(callTo('cohere', 'command-a-03-2025')),
  },
  {
    name: 'coze',
    fixtures: ['coze/stream', 'coze/tool-call-stream'],
    call: callTo('coze', 'helper'),
    machine: () => new CozeStreamTranslator(callTo('coze', 'helper')),
  },
];

const upstream = (fixture: string): Uint8Array =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', `${fixture}.upstream.txt`)));

/** A body that gives exactly these reads, in order. */
function body(reads: Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next < reads.length) controller.enqueue(reads[next++]!);
      else controller.close();
    },
  });
}

async function batches(family: Family, reads: Uint8Array[]): Promise<ChatChunk[][]> {
  const out: ChatChunk[][] = [];
  const driver = new ServerSentEventBatches(body(reads), family.machine(), (e) => asStreamError(family.call.provider, e, config.secrets));
  for await (const batch of driver) out.push(batch);
  return out;
}

// The chunk id of Coze and Gemini may be made up per stream, and `created` is the clock's.
const comparable = (chunks: ChatChunk[]) => chunks.map(({ id: _id, created: _created, ...rest }) => rest);

describe.each(families)('the $name stream state machine', (family) => {
  it.each(family.fixtures)('%s: the same chunks for a cut at every byte position', async (fixture) => {
    const bytes = upstream(fixture);
    const whole = (await batches(family, [bytes])).flat();
    const text = whole.map((c) => c.choices[0]?.delta.content ?? '').join('');
    const calls = whole.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(text.length + calls.length).toBeGreaterThan(0);
    expect(whole.some((c) => c.choices[0]?.finish_reason)).toBe(true);
    for (let at = 1; at < bytes.length; at++) {
      expect(comparable((await batches(family, [bytes.slice(0, at), bytes.slice(at)])).flat())).toEqual(comparable(whole));
    }
  });

  it.each(family.fixtures)('%s: the same chunks for many cuts at once', async (fixture) => {
    const bytes = upstream(fixture);
    const whole = comparable((await batches(family, [bytes])).flat());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 24 }), async (points) => {
        expect(
          comparable(
            (
              await batches(
                family,
                cutBytes(bytes, points).filter((read) => read.length > 0),
              )
            ).flat(),
          ),
        ).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });

  it.each(family.fixtures)('%s: what one read completed is one batch', async (fixture) => {
    const bytes = upstream(fixture);
    // Whole in one read: the chunks of that read in one batch, then at most the closing chunks.
    const one = await batches(family, [bytes]);
    expect(one.length).toBeLessThanOrEqual(2);
    // Event by event: no batch holds what two reads completed.
    const text = new TextDecoder().decode(bytes);
    const events = text.split(/(?<=\n\r?\n)/).map((e) => new TextEncoder().encode(e));
    const apart = await batches(family, events);
    expect(apart.length).toBeGreaterThan(one.length);
    expect(comparable(apart.flat())).toEqual(comparable(one.flat()));
  });
});

describe('ServerSentEventBatches', () => {
  const openai = families[0]!;
  const event = (delta: object) =>
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;

  it('hands on the chunks before a failure in the same read, then throws it', async () => {
    const read = new TextEncoder().encode(
      event({ role: 'assistant', content: 'a' }) + `data: ${JSON.stringify({ error: { message: 'overloaded' } })}\n\n`,
    );
    const driver = new ServerSentEventBatches(body([read]), openai.machine(), (e) =>
      asStreamError(openai.call.provider, e, config.secrets),
    );
    const first = await driver.next();
    expect(first.done).toBe(false);
    expect((first.value as ChatChunk[]).map((c) => c.choices[0]?.delta.content)).toEqual(['a']);
    await expect(driver.next()).rejects.toMatchObject({ message: 'OpenAI stream failed: overloaded' });
  });

  it('leaves no drain timer behind when the end of the body was already waiting (a short answer read at once)', () => {
    // A body whose reads wait until it is started, and whose resume hands on what waits at once,
    // as the Node transport's does: the drain that follows the last event ends inside its resume.
    const finish = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;
    const waiting = [new TextEncoder().encode(event({ role: 'assistant', content: 'a' }) + finish + 'data: [DONE]\n\n')];
    let paused = false;
    let ended = false;
    let source: FlowSink<Uint8Array> | undefined;
    const flush = () => {
      while (!paused && waiting.length) source!.data(waiting.shift()!);
      if (paused || waiting.length || ended) return;
      ended = true;
      source!.end();
    };
    const upstreamBody: UpstreamBody = {
      getReader: () => {
        throw new Error('read as a flow');
      },
      flow: () => ({
        start: (sink) => {
          source = sink;
          flush();
        },
        pause: () => void (paused = true),
        resume: () => {
          paused = false;
          flush();
        },
        cancel: () => void (ended = true),
      }),
    };
    vi.useFakeTimers();
    try {
      const seen: string[] = [];
      new ServerSentEventBatches(upstreamBody, openai.machine()).start({
        data: (chunks) => seen.push(...chunks.map((c) => c.choices[0]?.delta.content ?? '')),
        end: () => seen.push('end'),
        fail: (error) => seen.push(`fail ${String(error)}`),
      });
      expect(seen).toEqual(['a', '', 'end']);
      // A timer set after the drain ended kept the whole stream's state alive for its 250 ms.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('cancels the upstream body when stopped before the answer ended (client gone)', async () => {
    let cancelled = false;
    const upstreamBody = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode(event({ role: 'assistant', content: 'a' }))),
      cancel: () => void (cancelled = true),
    });
    const driver = new ServerSentEventBatches(upstreamBody, openai.machine());
    await driver.next();
    await driver.return();
    expect(cancelled).toBe(true);
  });
});

describe('events the vendor spec does not list', () => {
  // Cohere's stream may carry `debug` events its spec leaves out; Coze may add event types before its reference does.
  const cases = [
    { family: families[3]!, sse: `event: debug\ndata: ${JSON.stringify({ type: 'debug', delta: {} })}\n\n`, raw: '"debug"' },
    {
      family: families[4]!,
      sse: `event: conversation.chat.novel\ndata: ${JSON.stringify({ id: 'x' })}\n\n`,
      raw: '"conversation.chat.novel"',
    },
  ];
  for (const { family, sse, raw } of cases) {
    it(`${family.name}: carry nothing and are logged once with the raw value`, async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const machine = family.machine();
        const out: ChatChunk[] = [];
        for (const _ of [1, 2]) {
          const driver = new ServerSentEventBatches<ChatChunk>(body([new TextEncoder().encode(sse)]), {
            event: (event, chunks) => machine.event(event, chunks),
            end: () => undefined,
          });
          for await (const batch of driver) out.push(...batch);
        }
        expect(out.every((chunk) => !chunk.choices[0]?.delta.content)).toBe(true);
        const logged = warn.mock.calls.map(([line]) => String(line)).filter((line) => line.includes(raw));
        expect(logged).toHaveLength(1);
      } finally {
        warn.mockRestore();
      }
    });
  }
});
