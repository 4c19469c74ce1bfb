/**
 * A native (OpenAI, Azure) answer read for the store as it goes by: a JSON body is the response
 * object itself; a stream's is in its `response.completed` or `response.incomplete` event. Each
 * chunk is handed on before it is read, so the client's bytes are neither changed nor held back;
 * of a stream only that last object is kept, the other events are parsed and dropped.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming/response/completed
 */
import { createParser } from 'eventsource-parser';
import type { ResponseObject } from './responses-types';

const FINAL = new Set(['response.completed', 'response.incomplete']);

export function tapNativeResponse(
  body: ReadableStream<Uint8Array>,
  streamed: boolean,
  onResponse: (response: ResponseObject) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
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
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done) {
          controller.close();
          const response = streamed ? final : (parse(json + decoder.decode()) as ResponseObject | undefined);
          if (response?.id) onResponse(response);
          return;
        }
        controller.enqueue(value);
        const text = decoder.decode(value, { stream: true });
        if (streamed) parser.feed(text);
        else json += text;
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
