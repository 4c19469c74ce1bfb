/**
 * A non-streamed upstream reply, read to at most UPSTREAM_MAX_BODY_BYTES, parsed and checked for
 * the fields the proxy reads before anything uses it. Anything else (HTML with status 200, an
 * empty or truncated body, JSON without `choices`) is a 502 naming the provider, never a 500 or
 * an empty answer.
 */
import { ProxyError } from './errors';
import type { UpstreamReply } from './post-upstream';
import type { ConfiguredProvider } from './provider';
import { readLimited } from './read-limited';
import { upstreamInvalidResponse } from './upstream-error';

/** What is wrong with a parsed reply, or undefined when the proxy can use it. */
export type ReplyCheck = (body: unknown) => string | undefined;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const decoder = new TextDecoder();

/** `T` is the reply type of the operation the response answers (postUpstream's). */
export async function readUpstreamJson<T>(provider: ConfiguredProvider, response: UpstreamReply<T>, check: ReplyCheck): Promise<T> {
  const limit = provider.limits.maxBodyBytes;
  const tooLarge = () =>
    new ProxyError(`${provider.def.name} sent a reply larger than ${limit} bytes (UPSTREAM_MAX_BODY_BYTES).`, {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_response_too_large',
    });
  if (Number(response.headers.get('content-length')) > limit) {
    response.body
      ?.getReader()
      .cancel()
      .catch(() => undefined);
    throw tooLarge();
  }
  let text: string;
  try {
    text = response.body ? decoder.decode(await readLimited(response.body, limit, tooLarge)) : '';
  } catch (error) {
    if (error instanceof ProxyError || (error instanceof Error && error.name === 'AbortError')) throw error;
    throw upstreamInvalidResponse(provider, 'the body broke off');
  }
  if (!text.trim()) throw upstreamInvalidResponse(provider, 'an empty body');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type')?.split(';')[0]?.trim();
    throw upstreamInvalidResponse(provider, `the body is not JSON${type ? ` (${type})` : ''}`);
  }
  const problem = check(body);
  if (problem) throw upstreamInvalidResponse(provider, problem);
  return body as T;
}
