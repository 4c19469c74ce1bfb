import type { EventSourceMessage } from 'eventsource-parser';
import { ServerSentEventBatches } from '../../src/core/sse';
import type { UpstreamBody } from '../../src/core/upstream-transport';

/**
 * A body's server-sent events one at a time, read through the proxy's own driver.
 * `endsAnswer` names the event after which the vendor sends nothing more (the rest is drained).
 */
export async function* readServerSentEvents(
  body: UpstreamBody,
  endsAnswer?: (event: EventSourceMessage) => boolean,
): AsyncGenerator<EventSourceMessage> {
  const batches = new ServerSentEventBatches<EventSourceMessage>(body, {
    event: (event, out) => {
      out.push(event);
      return endsAnswer?.(event) === true;
    },
    end: () => undefined,
  });
  // Leaving the loop early returns the batches, which drains or cancels the body.
  for await (const events of batches) yield* events;
}

/** The `data:` payloads of an SSE response: parsed JSON, or the literal `[DONE]`. */
export async function readSseData(response: Response): Promise<unknown[]> {
  const out: unknown[] = [];
  if (!response.body) return out;
  for await (const event of readServerSentEvents(response.body)) {
    out.push(event.data === '[DONE]' ? '[DONE]' : JSON.parse(event.data));
  }
  return out;
}
