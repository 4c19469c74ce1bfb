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
import type { ChatChunk } from '../../core/types';
import type { AnthropicStreamState } from './anthropic-stream-state';
import { anthropicErrorBody } from './error-response';

const PING = { ms: 10_000, text: 'event: ping\ndata: {"type":"ping"}\n\n' } as const;

class AnthropicSseEncoder implements StreamEncoder {
  constructor(private readonly state: AnthropicStreamState) {}

  batch(chunks: readonly ChatChunk[]): string {
    let text = '';
    for (const chunk of chunks) text = typedEventsSse(this.state.push(chunk), text);
    return text;
  }

  end(): string {
    return typedEventsSse(this.state.end());
  }

  fail(error: ProxyError): string {
    return `event: error\ndata: ${JSON.stringify(anthropicErrorBody(error))}\n\n`;
  }
}

export const encodeAnthropicSse = (
  batches: AsyncIterable<ChatChunk[]>,
  state: AnthropicStreamState,
  onError?: (error: unknown) => void,
): ReadableStream<Uint8Array> => encodeChunkStream(batches, new AnthropicSseEncoder(state), onError, PING);
