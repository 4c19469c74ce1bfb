/**
 * Gemini's own token count of a canonical request (countTokens: no generation, no charge): the
 * same contents, system instruction and tools generateContent would get.
 * @see https://ai.google.dev/api/tokens#method:-models.counttokens
 */
import type { ChatCall } from '../../core/provider';
import { readUpstreamErrorText } from '../../core/read-upstream-error-text';
import { isRecord, readUpstreamJson, type ReplyCheck } from '../../core/read-upstream-json';
import { sendUpstream } from '../../core/send-upstream';
import { upstreamHttpError } from '../../core/upstream-error';
import { convertToGeminiRequest } from './convert-to-gemini-request';
import type { GeminiOptions } from './options';
import { readGeminiError } from './read-gemini-error';
import type { GeminiCountTokensResponse } from './types';

const checkCount: ReplyCheck = (body) => (isRecord(body) && typeof body.totalTokens === 'number' ? undefined : 'no `totalTokens` number');

export async function countGeminiTokens(call: ChatCall<GeminiOptions>): Promise<number> {
  const { provider, model, secrets } = call;
  const options = provider.def.options;
  const { url, body } = options.countTokens(provider, model, await convertToGeminiRequest(call));
  const response = await sendUpstream(call, {
    url,
    body: JSON.stringify(body),
    auth: (refresh) => options.auth(provider, call.key, refresh),
    refreshOn401: options.refreshOn401,
  });
  if (!response.ok) {
    const { vendor, status } = readGeminiError(await readUpstreamErrorText(response), response.status);
    throw upstreamHttpError(provider, status, vendor, response.headers, secrets);
  }
  return (await readUpstreamJson<GeminiCountTokensResponse>(provider, response, checkCount)).totalTokens;
}
