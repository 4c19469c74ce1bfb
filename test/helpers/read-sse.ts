import { readServerSentEvents } from '../../src/core/sse';

/** The `data:` payloads of an SSE response: parsed JSON, or the literal `[DONE]`. */
export async function readSseData(response: Response): Promise<unknown[]> {
  const out: unknown[] = [];
  if (!response.body) return out;
  for await (const event of readServerSentEvents(response.body)) {
    out.push(event.data === '[DONE]' ? '[DONE]' : JSON.parse(event.data));
  }
  return out;
}
