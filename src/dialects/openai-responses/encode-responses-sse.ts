/**
 * Canonical chunks -> Responses SSE (`event: <type>` and `data: <event>` per event) through the
 * stream translator, the events of one batch (one upstream read) as one write. A failure after
 * the stream began ends it with `response.failed`.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import { encodeChunkStream, typedEventsSse, type StreamEncoder } from '../../core/encode-chunk-stream';
import type { ProxyError } from '../../core/errors';
import type { BodyFlow, Flow } from '../../core/flow';
import type { ChatChunk } from '../../core/types';
import type { ResponsesStreamTranslator } from './responses-stream';
import type { ResponseObject, ResponseStreamEvent } from './responses-types';

/**
 * One event as SSE. A text delta, nearly every event of a stream, is written without serializing
 * its object: the same text JSON.stringify gives for the one shape ResponsesStreamTranslator makes.
 */
export function responsesEventSse(event: ResponseStreamEvent): string {
  if (event.type === 'response.output_text.delta' && event.logprobs.length === 0) {
    const { item_id, output_index, content_index, delta, sequence_number } = event;
    return `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":${JSON.stringify(item_id)},"output_index":${output_index},"content_index":${content_index},"delta":${JSON.stringify(delta)},"logprobs":[],"sequence_number":${sequence_number}}\n\n`;
  }
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

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
    for (const chunk of chunks) for (const event of this.translator.push(chunk)) text += responsesEventSse(event);
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
  batches: Flow<ChatChunk[]>,
  translator: ResponsesStreamTranslator,
  onDone: (response: ResponseObject) => void,
  onError?: (error: unknown) => void,
): BodyFlow => encodeChunkStream(batches, new ResponsesSseEncoder(translator, onDone), onError);
