/**
 * Gemini's own token count of a canonical request (countTokens: no generation, no charge): the
 * same contents, system instruction and tools generateContent would get.
 * @see https://ai.google.dev/api/tokens#method:-models.counttokens
 */
import { postUpstream } from '../../core/post-upstream';
import type { ChatCall } from '../../core/provider';
import { isRecord, readUpstreamJson, type ReplyCheck } from '../../core/read-upstream-json';
import { convertToGeminiRequest } from './convert-to-gemini-request';
import { countTokensCall, sendOptions } from './gemini-calls';
import type { GeminiOptions } from './options';
import { readGeminiError } from './read-gemini-error';

const checkCount: ReplyCheck = (body) => (isRecord(body) && typeof body.totalTokens === 'number' ? undefined : 'no `totalTokens` number');

export async function countGeminiTokens(call: ChatCall<GeminiOptions>): Promise<number> {
  const request = countTokensCall(call, await convertToGeminiRequest(call));
  const response = await postUpstream(call, request, readGeminiError, sendOptions(call));
  return (await readUpstreamJson(call.provider, response, checkCount)).totalTokens;
}
