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

/** The request body as JSON, read once, refused past `limit` bytes without reading the rest. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) throw badRequest('The request body is empty; send a JSON object.');
  const bytes = await readLimited(request.body, limit, () => tooLarge(limit));
  const text = new TextDecoder().decode(bytes);
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
