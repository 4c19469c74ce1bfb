/**
 * Canonical chunks -> Anthropic SSE, through AnthropicStreamState: every event has its `event:`
 * line, the events of one batch (one upstream read) go out as one write, and there is no
 * `[DONE]`. A `ping` goes out after every 10 s of upstream silence (a thinking model can be
 * quiet for long), so clients and proxies between keep the connection. A failure mid-stream ends
 * it with one `event: error`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import { encodeChunkStream, typedEventsSse, type StreamEncoder } from '../../core/encode-chunk-stream';
import type { ProxyError } from '../../core/errors';
import type { BodyFlow, Flow } from '../../core/flow';
import type { ChatChunk } from '../../core/types';
import type { AnthropicStreamState } from './anthropic-stream-state';
import type { StreamEvent } from './anthropic-types';
import { anthropicErrorBody } from './error-response';

const PING = { ms: 10_000, text: 'event: ping\ndata: {"type":"ping"}\n\n' } as const;

/**
 * One event as SSE. A text delta, nearly every event of a stream, is written without serializing
 * its object: the same text JSON.stringify gives for the one shape AnthropicStreamState makes.
 */
export function anthropicEventSse(event: StreamEvent): string {
  if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
    return `event: content_block_delta\ndata: {"type":"content_block_delta","index":${event.index},"delta":{"type":"text_delta","text":${JSON.stringify(event.delta.text)}}}\n\n`;
  }
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

class AnthropicSseEncoder implements StreamEncoder {
  constructor(private readonly state: AnthropicStreamState) {}

  batch(chunks: readonly ChatChunk[]): string {
    let text = '';
    for (const chunk of chunks) for (const event of this.state.push(chunk)) text += anthropicEventSse(event);
    return text;
  }

  end(): string {
    return typedEventsSse(this.state.end());
  }

  fail(error: ProxyError): string {
    return `event: error\ndata: ${JSON.stringify(anthropicErrorBody(error))}\n\n`;
  }
}

export const encodeAnthropicSse = (batches: Flow<ChatChunk[]>, state: AnthropicStreamState, onError?: (error: unknown) => void): BodyFlow =>
  encodeChunkStream(batches, new AnthropicSseEncoder(state), onError, PING);
