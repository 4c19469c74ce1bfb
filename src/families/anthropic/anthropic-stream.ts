/**
 * Messages SSE -> canonical chunks, one event at a time. State: the message id and model from
 * message_start, which content block is which tool call (stable `index` and id), the stop reason
 * from message_delta, and usage (input from message_start, output from message_delta).
 */
import type { ChatCall } from '../../core/provider';
import { parseUpstreamEvent } from '../../core/parse-upstream-event';
import { readServerSentEvents } from '../../core/sse';
import { deltaChunk, streamIdentity, usageChunk } from '../../core/stream-chunks';
import type { ChatChunk, ChatChunkDelta, FinishReason } from '../../core/types';
import { unknownUpstreamValue } from '../../core/unknown-upstream-value';
import { asStreamError, upstreamInvalidResponse, upstreamStreamError } from '../../core/upstream-error';
import type { UpstreamBody } from '../../core/upstream-transport';
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

/** Anthropic sends nothing after `message_stop`. */
const isMessageStop = (event: { event?: string | undefined }): boolean => event.event === 'message_stop';

export async function* translateAnthropicStream(
  body: UpstreamBody,
  call: ChatCall,
  jsonTool: string | undefined,
): AsyncGenerator<ChatChunk> {
  const { provider, secrets } = call;
  const identity = streamIdentity('', call.model.upstream);
  const blocks = new Map<number, BlockKind>();
  let tools = 0;
  let details = 0;
  let finish: FinishReason = null;
  const usage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  let stopped = false;

  const chunk = (delta: ChatChunkDelta, finishReason: FinishReason = null): ChatChunk => deltaChunk(identity, delta, finishReason);

  try {
    for await (const message of readServerSentEvents(body, isMessageStop)) {
      const event = parseUpstreamEvent<StreamEvent>(provider, message.data, checkStreamEvent);
      switch (event.type) {
        case 'message_start':
          identity.id = event.message.id;
          identity.model = event.message.model;
          addAnthropicUsage(usage, event.message.usage);
          yield chunk({ role: 'assistant', content: '' });
          break;
        case 'content_block_start': {
          const block = event.content_block;
          switch (block.type) {
            case 'text':
              blocks.set(event.index, { kind: 'text' });
              if (block.text) yield chunk({ content: block.text });
              break;
            case 'thinking':
              blocks.set(event.index, { kind: 'thinking', detail: details++ });
              if (block.thinking) yield chunk({ reasoning_content: block.thinking });
              break;
            case 'redacted_thinking':
              blocks.set(event.index, { kind: 'other' });
              yield chunk({
                reasoning_details: [{ type: 'reasoning.encrypted', data: block.data, format: REASONING_FORMAT, index: details++ }],
              } as ChatChunkDelta);
              break;
            case 'tool_use': {
              if (block.name === jsonTool) {
                blocks.set(event.index, { kind: 'json' });
                break;
              }
              const index = tools++;
              blocks.set(event.index, { kind: 'tool', index, hasArguments: false });
              yield chunk({ tool_calls: [{ index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] });
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
              yield chunk({ content: delta.text });
              break;
            case 'thinking_delta':
              yield chunk({ reasoning_content: delta.thinking });
              break;
            case 'signature_delta':
              if (block?.kind === 'thinking')
                yield chunk({
                  reasoning_details: [
                    { type: 'reasoning.text', signature: delta.signature, format: REASONING_FORMAT, index: block.detail },
                  ],
                } as ChatChunkDelta);
              break;
            case 'input_json_delta':
              if (block?.kind === 'tool') {
                if (delta.partial_json) block.hasArguments = true;
                yield chunk({ tool_calls: [{ index: block.index, function: { arguments: delta.partial_json } }] });
              } else if (block?.kind === 'json' && delta.partial_json) yield chunk({ content: delta.partial_json });
              break;
            default:
              unknownUpstreamValue('Anthropic content block delta type', delta, undefined);
          }
          break;
        }
        case 'message_delta':
          if (event.delta.stop_reason) {
            finish = jsonTool && event.delta.stop_reason === 'tool_use' ? 'stop' : mapAnthropicStopReason(event.delta.stop_reason);
          }
          addAnthropicUsage(usage, event.usage);
          break;
        case 'content_block_stop': {
          // A call without arguments streams none; the client gets `{}`, as a whole reply gives.
          const block = blocks.get(event.index);
          if (block?.kind === 'tool' && !block.hasArguments)
            yield chunk({ tool_calls: [{ index: block.index, function: { arguments: '{}' } }] });
          break;
        }
        case 'message_stop':
          stopped = true;
          break;
        case 'error':
          throw upstreamStreamError(
            provider,
            `${event.error.type}: ${event.error.message}`,
            secrets,
            anthropicErrorStatus(event.error.type),
          );
        case 'ping':
          break;
        default:
          unknownUpstreamValue('Anthropic stream event type', event, undefined);
      }
      if (stopped) break;
    }
  } catch (error) {
    throw asStreamError(provider, error, secrets);
  }
  if (!identity.id) throw upstreamInvalidResponse(provider, 'the stream had no message_start');
  if (!stopped) throw upstreamStreamError(provider, 'the connection closed before message_stop', secrets);
  yield chunk({}, finish ?? 'stop');
  if (call.includeUsage) yield usageChunk(identity, mapAnthropicUsage(usage));
}
