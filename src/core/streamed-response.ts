/**
 * The Response of a streamed answer (a dialect's stream, a passed-through body), from the one
 * body flow every runtime shares, and the two ways it leaves: where the entry writes bodies itself
 * (the Node entry: `writesBodies`), the Response has no body and the flow is kept beside it for
 * the entry (`bodyFlowOf`), so no web stream is made on the way to the socket; everywhere else the
 * Response's body is the flow as a ReadableStream.
 */
import { readableStreamOf, type BodyFlow } from './flow';

const writers = new WeakSet<Request>();
const flows = new WeakMap<Response, BodyFlow>();

/** For an entry that writes streamed bodies itself: the streamed answers to `request` are left to it. */
export function writesBodies(request: Request): void {
  writers.add(request);
}

/** A Response whose body is `body` (none for null), written by the entry where it writes bodies itself. */
export function streamedResponse(request: Request, body: BodyFlow | null, init: ResponseInit): Response {
  if (!body) return new Response(null, init);
  if (!writers.has(request)) return new Response(readableStreamOf(body), init);
  const response = new Response(null, init);
  flows.set(response, body);
  return response;
}

/** The body an entry that writes bodies itself must write for `response`, if it is a streamed one. */
export function bodyFlowOf(response: Response): BodyFlow | undefined {
  return flows.get(response);
}
