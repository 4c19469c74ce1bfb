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
import type { ResponseObject, ResponseStreamEvent } from './responses-types';

type TextDelta = Extract<ResponseStreamEvent, { type: 'response.output_text.delta' }>;

/** The one event a chunk of text mid-message makes, when it has no logprobs (no vendor's are carried over). */
const isPlainTextDelta = (events: readonly ResponseStreamEvent[]): TextDelta | undefined => {
  const event = events.length === 1 ? events[0]! : undefined;
  return event?.type === 'response.output_text.delta' && event.logprobs.length === 0 ? event : undefined;
};

/**
 * A text delta, most of a stream's events, as SSE: written field by field in the order the
 * translator builds it, the same bytes as `JSON.stringify` of the whole event at about half its cost.
 */
const textDeltaSse = (event: TextDelta): string =>
  `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":${JSON.stringify(event.item_id)},"output_index":${event.output_index},"content_index":${event.content_index},"delta":${JSON.stringify(event.delta)},"logprobs":[],"sequence_number":${event.sequence_number}}\n\n`;

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
    for (const chunk of chunks) {
      const events = this.translator.push(chunk);
      const delta = isPlainTextDelta(events);
      text = delta ? text + textDeltaSse(delta) : typedEventsSse(events, text);
    }
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
