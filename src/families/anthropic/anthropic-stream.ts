/**
 * Messages SSE -> canonical chunks: a synchronous state machine fed one event at a time (the
 * driver, core/sse.ts, feeds it a read at a time). State: the message id and model from
 * message_start, which content block is which tool call (stable `index` and id), the stop reason
 * from message_delta, and usage (input from message_start, output from message_delta).
 */
import type { EventSourceMessage } from 'eventsource-parser';
import type { StreamCall } from '../../core/provider';
import { parseUpstreamEvent } from '../../core/parse-upstream-event';
import type { StreamStateMachine } from '../../core/sse';
import { deltaChunk, streamIdentity, usageChunk, type StreamIdentity } from '../../core/stream-chunks';
import type { ChatChunk, ChatChunkDelta, FinishReason } from '../../core/types';
import { unknownUpstreamValue } from '../../core/unknown-upstream-value';
import { upstreamInvalidResponse, upstreamStreamError } from '../../core/upstream-error';
import { anthropicErrorStatus } from './anthropic-error-status';
import { checkStreamEvent } from './check-anthropic-reply';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';
import { addAnthropicUsage, mapAnthropicUsage } from './map-anthropic-usage';
import { REASONING_FORMAT } from './reasoning-details';
import type { StreamEvent } from './types';

type BlockKind =
  | { kind: 'text' }
  | { kind: 'thinking'; detail: number }
  | { kind: 'tool'; index: number; hasArguments: boolean }
  | { kind: 'json' }
  | { kind: 'other' };

export class AnthropicStreamTranslator implements StreamStateMachine<ChatChunk> {
  private readonly identity: StreamIdentity;
  private readonly blocks = new Map<number, BlockKind>();
  private tools = 0;
  private details = 0;
  private finish: FinishReason = null;
  private readonly usage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  private stopped = false;

  constructor(
    private readonly call: StreamCall,
    /** the tool that carries a forced JSON answer: its arguments are the answer's text */
    private readonly jsonTool: string | undefined,
  ) {
    this.identity = streamIdentity('', call.model.upstream);
  }

  /** Anthropic sends nothing after `message_stop`. */
  event(message: EventSourceMessage, out: ChatChunk[]): boolean {
    const { provider, secrets } = this.call;
    const { identity, blocks, jsonTool } = this;
    const event = parseUpstreamEvent<StreamEvent>(provider, message.data, checkStreamEvent);
    switch (event.type) {
      case 'message_start':
        identity.id = event.message.id;
        identity.model = event.message.model;
        addAnthropicUsage(this.usage, event.message.usage);
        this.chunk(out, { role: 'assistant', content: '' });
        break;
      case 'content_block_start': {
        const block = event.content_block;
        switch (block.type) {
          case 'text':
            blocks.set(event.index, { kind: 'text' });
            if (block.text) this.chunk(out, { content: block.text });
            break;
          case 'thinking':
            blocks.set(event.index, { kind: 'thinking', detail: this.details++ });
            if (block.thinking) this.chunk(out, { reasoning_content: block.thinking });
            break;
          case 'redacted_thinking':
            blocks.set(event.index, { kind: 'other' });
            this.chunk(out, {
              reasoning_details: [{ type: 'reasoning.encrypted', data: block.data, format: REASONING_FORMAT, index: this.details++ }],
            } as ChatChunkDelta);
            break;
          case 'tool_use': {
            if (block.name === jsonTool) {
              blocks.set(event.index, { kind: 'json' });
              break;
            }
            const index = this.tools++;
            blocks.set(event.index, { kind: 'tool', index, hasArguments: false });
            this.chunk(out, { tool_calls: [{ index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] });
            break;
          }
          default:
            // Its deltas are then skipped too: they belong to a block the client cannot be shown.
            blocks.set(event.index, unknownUpstreamValue('Anthropic content block type', block, { kind: 'other' }));
        }
        break;
      }
      case 'content_block_delta': {
        const block = blocks.get(event.index);
        const delta = event.delta;
        switch (delta.type) {
          case 'text_delta':
            this.chunk(out, { content: delta.text });
            break;
          case 'thinking_delta':
            this.chunk(out, { reasoning_content: delta.thinking });
            break;
          case 'signature_delta':
            if (block?.kind === 'thinking')
              this.chunk(out, {
                reasoning_details: [{ type: 'reasoning.text', signature: delta.signature, format: REASONING_FORMAT, index: block.detail }],
              } as ChatChunkDelta);
            break;
          case 'input_json_delta':
            if (block?.kind === 'tool') {
              if (delta.partial_json) block.hasArguments = true;
              this.chunk(out, { tool_calls: [{ index: block.index, function: { arguments: delta.partial_json } }] });
            } else if (block?.kind === 'json' && delta.partial_json) this.chunk(out, { content: delta.partial_json });
            break;
          default:
            unknownUpstreamValue('Anthropic content block delta type', delta, undefined);
        }
        break;
      }
      case 'message_delta':
        if (event.delta.stop_reason) {
          this.finish = jsonTool && event.delta.stop_reason === 'tool_use' ? 'stop' : mapAnthropicStopReason(event.delta.stop_reason);
        }
        addAnthropicUsage(this.usage, event.usage);
        break;
      case 'content_block_stop': {
        // A call without arguments streams none; the client gets `{}`, as a whole reply gives.
        const block = blocks.get(event.index);
        if (block?.kind === 'tool' && !block.hasArguments)
          this.chunk(out, { tool_calls: [{ index: block.index, function: { arguments: '{}' } }] });
        break;
      }
      case 'message_stop':
        this.stopped = true;
        break;
      case 'error':
        throw upstreamStreamError(provider, `${event.error.type}: ${event.error.message}`, secrets, anthropicErrorStatus(event.error.type));
      case 'ping':
        break;
      default:
        unknownUpstreamValue('Anthropic stream event type', event, undefined);
    }
    return this.stopped;
  }

  /** one chunk of `delta` onto `out` (a method: no closure per event) */
  private chunk(out: ChatChunk[], delta: ChatChunkDelta): void {
    out.push(deltaChunk(this.identity, delta));
  }

  end(out: ChatChunk[]): void {
    const { provider, secrets, includeUsage } = this.call;
    if (!this.identity.id) throw upstreamInvalidResponse(provider, 'the stream had no message_start');
    if (!this.stopped) throw upstreamStreamError(provider, 'the connection closed before message_stop', secrets);
    out.push(deltaChunk(this.identity, {}, this.finish ?? 'stop'));
    if (includeUsage) out.push(usageChunk(this.identity, mapAnthropicUsage(this.usage)));
  }
}
