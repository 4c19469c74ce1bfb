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

const decoder = new TextDecoder();

/**
 * The body's text, at most `limit` bytes. A declared length within it bounds the body already (the
 * server reads no more), so it is read whole: on Node that reads the incoming message directly and
 * decodes it as it is, where `request.body` would make a web Request and stream of every request
 * (@hono/node-server makes them only when asked) and `arrayBuffer()` a copy. A chunked body is
 * read as a stream and cut at the limit.
 */
async function readText(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (declared !== null) return request.text();
  if (!request.body) return '';
  return decoder.decode(await readLimited(request.body, limit, () => tooLarge(limit)));
}

/** The request body as JSON, read once, refused past `limit` bytes without reading the rest. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  return (await readJson(request, limit)).value;
}

/** The same, with the text it was parsed from: for a pass-through, which can send that text on instead of serializing the value again. */
export async function readJson(request: Request, limit: number): Promise<{ value: unknown; text: string }> {
  const text = await readText(request, limit);
  if (!text.trim()) throw badRequest('The request body is empty; send a JSON object.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'parse error';
    throw badRequest(`The request body is not valid JSON: ${capText(detail, 200)}`, null, 'invalid_json');
  }
  refuseDeepNesting(body);
  return { value: body, text };
}
