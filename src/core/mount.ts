/**
 * Where a request came in (DESIGN section 6), decided from its path before anything else, so
 * that every refusal (401, 404, 413, validation) is rendered in that surface's error shape:
 * `/api/*` is Ollama with the key in a header; `/ollama/{KEY}/api/*` and `/ollama/{KEY}/v1/api/*`
 * are Ollama with the key in the path; `/ollama/{KEY}/v1/...` is the OpenAI API with the key in
 * the path (IDEs that speak "Ollama" chat through it); `/v1/messages` and what is under it are
 * the Anthropic Messages API; everything else is the OpenAI API.
 */
import type { RequestRecord } from './request-context';

export interface Mount {
  readonly dialect: 'openai' | 'ollama' | 'anthropic';
  /** the key carried in the path; when set, headers are not read */
  readonly pathKey?: string;
  /** the path to route: the request path without `/ollama/{KEY}` (and the `/v1` before `/api`) */
  readonly path: string;
}

const isOllamaPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');
const isAnthropicPath = (path: string): boolean => path === '/v1/messages' || path.startsWith('/v1/messages/');
/** `/v1/responses` and `/responses` (the OpenAI routes answer with and without `/v1`), and what is under them. */
const isResponsesPath = (path: string): boolean => /^(\/v1)?\/responses(\/|$)/.test(path);

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function mountOf(pathname: string): Mount {
  const keyed = /^\/ollama\/([^/]*)(\/.*)?$/.exec(pathname);
  if (!keyed) return { dialect: isOllamaPath(pathname) ? 'ollama' : isAnthropicPath(pathname) ? 'anthropic' : 'openai', path: pathname };
  let path = keyed[2] ?? '/';
  if (path.startsWith('/v1/api/') || path === '/v1/api') path = path.slice('/v1'.length);
  return { dialect: path === '/' || isOllamaPath(path) ? 'ollama' : 'openai', pathKey: decodeSegment(keyed[1]!), path };
}

/**
 * The dialect a log line names: the Responses API shares the OpenAI mount (its router and error
 * shape) but is a wire of its own, and an operator reading the log needs to tell the two apart.
 */
export const loggedDialect = (mount: Mount): RequestRecord['dialect'] =>
  mount.dialect === 'openai' && isResponsesPath(mount.path) ? 'openai-responses' : mount.dialect;
