/**
 * A native (OpenAI, Azure) answer read for the store as it goes by: a JSON body is the response
 * object itself; a stream's is in its `response.completed` or `response.incomplete` event. Each
 * chunk is handed on before it is read, so the client's bytes are neither changed nor held back;
 * of a stream only that last object is kept, the other events are parsed and dropped.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming/response/completed
 */
import { createParser } from 'eventsource-parser';
import { ChunkDecoder } from '../../core/chunk-decoder';
import type { Flow } from '../../core/flow';
import type { ResponseObject } from './responses-types';

const FINAL = new Set(['response.completed', 'response.incomplete']);

export function tapNativeResponse(
  body: Flow<Uint8Array>,
  streamed: boolean,
  onResponse: (response: ResponseObject) => void,
): Flow<Uint8Array> {
  const decoder = new ChunkDecoder();
  let json = '';
  let final: ResponseObject | undefined;
  const parser = createParser({
    onEvent: ({ event, data }) => {
      // OpenAI names each event in its `event:` line: only the final one is worth parsing.
      if (event !== undefined && !FINAL.has(event)) return;
      const parsed = parse(data) as { type?: string; response?: ResponseObject } | undefined;
      if (parsed?.type && FINAL.has(parsed.type) && parsed.response) final = parsed.response;
    },
  });
  return {
    start(sink) {
      body.start({
        data(chunk) {
          sink.data(chunk);
          const text = decoder.decode(chunk);
          if (streamed) parser.feed(text);
          else json += text;
        },
        end() {
          sink.end();
          const response = streamed ? final : (parse(json + decoder.end()) as ResponseObject | undefined);
          if (response?.id) onResponse(response);
        },
        fail: (error) => sink.fail(error),
      });
    },
    pause: () => body.pause(),
    resume: () => body.resume(),
    cancel: () => body.cancel(),
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
