import { capText } from './cap-text';
import { ProxyError, badRequest } from './errors';
import { refuseDeepNesting } from './json-depth';
import { readLimited } from './read-limited';

const tooLarge = (limit: number): ProxyError =>
  new ProxyError(`Request body is larger than ${limit} bytes (MAX_BODY_BYTES).`, {
    status: 413,
    type: 'invalid_request_error',
    code: 'request_too_large',
  });

/**
 * The body's bytes, at most `limit`. A declared length within it bounds the body already (the
 * server reads no more), so it is read whole: on Node that reads the incoming message directly,
 * where `request.body` would make a web Request and stream of every request (@hono/node-server
 * makes them only when asked). A chunked body is read as a stream and cut at the limit.
 */
async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (declared !== null) return new Uint8Array(await request.arrayBuffer());
  if (!request.body) return new Uint8Array();
  return readLimited(request.body, limit, () => tooLarge(limit));
}

/** The request body as JSON, read once, refused past `limit` bytes without reading the rest. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const text = new TextDecoder().decode(await readBytes(request, limit));
  if (!text.trim()) throw badRequest('The request body is empty; send a JSON object.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'parse error';
    throw badRequest(`The request body is not valid JSON: ${capText(detail, 200)}`, null, 'invalid_json');
  }
  refuseDeepNesting(body);
  return body;
}
