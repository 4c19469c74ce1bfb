/**
 * Canonical chunks -> Responses SSE (`event: <type>` and `data: <event>` per event) through the
 * stream translator, the events of one batch (one upstream read) as one write. A failure after
 * the stream began ends it with `response.failed`.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import { encodeChunkStream, typedEventsSse, type StreamEncoder } from '../../core/encode-chunk-stream';
import type { ProxyError } from '../../core/errors';
import type { ChatChunk } from '../../core/types';
import type { ResponsesStreamTranslator } from './responses-stream';
import type { ResponseObject } from './responses-types';

class ResponsesSseEncoder implements StreamEncoder {
  constructor(
    private readonly translator: ResponsesStreamTranslator,
    /** the final response, once the stream has ended well (for the store) */
    private readonly onDone: (response: ResponseObject) => void,
  ) {}

  start(): string {
    return typedEventsSse(this.translator.start());
  }

  batch(chunks: readonly ChatChunk[]): string {
    let text = '';
    for (const chunk of chunks) text = typedEventsSse(this.translator.push(chunk), text);
    return text;
  }

  end(): string {
    const text = typedEventsSse(this.translator.end());
    this.onDone(this.translator.response);
    return text;
  }

  fail(error: ProxyError): string {
    return typedEventsSse(this.translator.fail(error));
  }
}

export const encodeResponsesSse = (
  batches: AsyncIterable<ChatChunk[]>,
  translator: ResponsesStreamTranslator,
  onDone: (response: ResponseObject) => void,
  onError?: (error: unknown) => void,
): ReadableStream<Uint8Array> => encodeChunkStream(batches, new ResponsesSseEncoder(translator, onDone), onError);
