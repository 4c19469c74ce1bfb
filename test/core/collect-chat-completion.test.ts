/** A whole completion collected from chunks keeps what the chunks said, tool-call ids included. */
import { describe, expect, it } from 'vitest';
import { collectChatCompletion } from '../../src/core/collect-chat-completion';
import type { ChatChunk } from '../../src/core/types';

/** Each chunk as its own batch (upstream read). */
async function* chunks(...deltas: Array<ChatChunk['choices'][number]['delta']>): AsyncGenerator<ChatChunk[]> {
  for (const [i, delta] of deltas.entries()) {
    yield [
      {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta, finish_reason: i === deltas.length - 1 ? 'tool_calls' : null }],
      },
    ];
  }
}

describe('collectChatCompletion', () => {
  it('keeps tool-call ids and joins argument fragments per call', async () => {
    const body = await collectChatCompletion(
      chunks(
        {
          role: 'assistant',
          tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"ci' } }],
        },
        { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } }] },
        { tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] },
      ),
    );
    expect(body.choices[0]!.message.tool_calls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } },
    ]);
    expect(body.choices[0]!.finish_reason).toBe('tool_calls');
  });
});
