/**
 * Canonical chunks -> Anthropic stream events: a small synchronous state machine, fed one chunk
 * at a time. The grammar is Anthropic's: `message_start` (usage with input tokens), then per
 * block `content_block_start`, its deltas, `content_block_stop` (blocks never interleaved,
 * indexed from 0), then one `message_delta` (stop reason and usage) and `message_stop`.
 * A chunk that switches kind (thinking -> text -> a tool call) closes the open block first. A
 * call's Gemini thought signature goes in the thinking block just before it (thinking-signature.ts).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
import type { AssistantExtensions, ChatChunk, ChatChunkDelta, FinishReason, Usage } from '../../core/types';
import { signatureOf } from '../../families/gemini/thought-signature';
import type { ContentBlock, StreamEvent } from './anthropic-types';
import { mapFinishReason } from './map-finish-reason';
import { mapUsage } from './map-usage';
import { carryThoughtSignature } from './thinking-signature';

type OpenBlock = { readonly kind: 'thinking' | 'text' } | { readonly kind: 'tool'; readonly toolIndex: number };

export class AnthropicStreamState {
  private started = false;
  private index = -1;
  private open: OpenBlock | undefined;
  private finish: FinishReason | null = null;
  private usage: Usage | undefined;

  constructor(
    private readonly id: string,
    private readonly model: string,
  ) {}

  /** The events one chunk adds (the first chunk also opens the message). */
  push(chunk: ChatChunk): StreamEvent[] {
    const events = this.begin();
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) return events;
    const delta = choice.delta as ChatChunkDelta & AssistantExtensions;
    if (delta.reasoning_content) {
      this.enter({ kind: 'thinking' }, { type: 'thinking', thinking: '', signature: '' }, events);
      events.push({ type: 'content_block_delta', index: this.index, delta: { type: 'thinking_delta', thinking: delta.reasoning_content } });
    }
    for (const detail of delta.reasoning_details ?? []) {
      if (detail.type === 'reasoning.encrypted') {
        this.enter({ kind: 'thinking' }, { type: 'redacted_thinking', data: detail.data }, events, true);
      } else if (detail.signature) {
        this.enter({ kind: 'thinking' }, { type: 'thinking', thinking: detail.text ?? '', signature: '' }, events);
        events.push({ type: 'content_block_delta', index: this.index, delta: { type: 'signature_delta', signature: detail.signature } });
      }
    }
    if (delta.content) {
      this.enter({ kind: 'text' }, { type: 'text', text: '' }, events);
      events.push({ type: 'content_block_delta', index: this.index, delta: { type: 'text_delta', text: delta.content } });
    }
    for (const call of delta.tool_calls ?? []) {
      const open = this.open;
      // A new tool index starts the next tool_use block; the rest are its argument pieces. Vendors
      // stream one call after another, so a block never has to reopen.
      if (open?.kind !== 'tool' || open.toolIndex !== call.index) {
        const id = call.id ?? `toolu_${this.id}_${call.index}`;
        const thoughtSignature = signatureOf(call);
        if (thoughtSignature) this.signThinking(carryThoughtSignature(id, thoughtSignature), events);
        this.close(events);
        this.index += 1;
        this.open = { kind: 'tool', toolIndex: call.index };
        events.push({
          type: 'content_block_start',
          index: this.index,
          content_block: { type: 'tool_use', id, name: call.function?.name ?? '', input: {} },
        });
      }
      const args = call.function?.arguments;
      if (args) events.push({ type: 'content_block_delta', index: this.index, delta: { type: 'input_json_delta', partial_json: args } });
    }
    if (choice.finish_reason) this.finish = choice.finish_reason;
    return events;
  }

  /** The events that end the message: the open block's stop, the stop reason with usage, `message_stop`. */
  end(): StreamEvent[] {
    const events = this.begin();
    this.close(events);
    const usage = mapUsage(this.usage);
    events.push(
      {
        type: 'message_delta',
        delta: { stop_reason: mapFinishReason(this.finish), stop_sequence: null },
        usage: {
          output_tokens: usage.output_tokens,
          input_tokens: usage.input_tokens,
          cache_creation_input_tokens: usage.cache_creation_input_tokens ?? null,
          cache_read_input_tokens: usage.cache_read_input_tokens ?? null,
        },
      },
      { type: 'message_stop' },
    );
    return events;
  }

  private begin(): StreamEvent[] {
    if (this.started) return [];
    this.started = true;
    // Input tokens are 0 here and the real count goes in message_delta's usage, which Anthropic's
    // grammar allows and Claude Code reads as well. Translated families give no count this early:
    // OpenAI-compatible streams report usage only in their last chunk (stream_options.include_usage),
    // and Gemini's per-chunk usageMetadata is folded into the one canonical usage chunk at the end.
    // Holding message_start back for a count would delay the first token. Claude itself (the
    // pass-through) sends its own message_start, counts included.
    // @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
    return [
      {
        type: 'message_start',
        message: {
          id: `msg_${this.id}`,
          type: 'message',
          role: 'assistant',
          model: this.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
    ];
  }

  /** Opens a block of `kind` unless one is open; a redacted block is whole at its start and closes at once. */
  private enter(kind: OpenBlock, block: ContentBlock, events: StreamEvent[], whole = false): void {
    if (!whole && this.open?.kind === kind.kind) return;
    this.close(events);
    this.index += 1;
    events.push({ type: 'content_block_start', index: this.index, content_block: block });
    this.open = kind;
    if (whole) this.close(events);
  }

  /**
   * A Gemini thought signature arrives with its call: it ends the open thinking block as its
   * signature_delta, or fills an empty thinking block of its own just before the call.
   */
  private signThinking(signature: string, events: StreamEvent[]): void {
    this.enter({ kind: 'thinking' }, { type: 'thinking', thinking: '', signature: '' }, events);
    events.push({ type: 'content_block_delta', index: this.index, delta: { type: 'signature_delta', signature } });
    this.close(events);
  }

  private close(events: StreamEvent[]): void {
    if (!this.open) return;
    events.push({ type: 'content_block_stop', index: this.index });
    this.open = undefined;
  }
}
