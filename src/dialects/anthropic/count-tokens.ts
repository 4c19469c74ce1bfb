/**
 * POST /v1/messages/count_tokens. Claude (Anthropic, Vertex) counts for itself: the body is
 * passed through, with retries and fallbacks among the Claude candidates. A family with a counting
 * call of its own (Gemini's countTokens) counts the translated request. Any other model gets an
 * estimate, never a generation call: about four characters of the request's text per token
 * (OpenAI's rule of thumb for English), enough for Claude Code's `/context` and its check of
 * large tool results.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 */
import { discriminators } from '../../../generated/anthropic/discriminators';
import { vCountMessageTokensParams } from '../../../generated/anthropic/valibot.gen';
import { readJsonBody } from '../../core/read-json-body';
import { isRecord, readUpstreamJson, type ReplyCheck } from '../../core/read-upstream-json';
import type { RequestContext } from '../../core/request-context';
import { validateBody } from '../../core/validate';
import { candidatesFor, type Candidate } from '../../dispatch/candidates';
import { runAttempts, type AttemptInput, type Served } from '../../dispatch/run-attempts';
import type { CountTokensRequest, CountTokensResponse } from './anthropic-types';
import { convertAnthropicMessagesRequest } from './convert-anthropic-messages-request';
import { withoutForeignThinking } from './without-foreign-thinking';

const CHARS_PER_TOKEN = 4;

const checkCount: ReplyCheck = (body) => (isRecord(body) && typeof body.input_tokens === 'number' ? undefined : 'no `input_tokens` number');

/** The characters a tokenizer would read: texts, tool definitions and arguments; images count as their JSON. */
export function estimateInputTokens(body: CountTokensRequest): number {
  const { system, messages, tools } = body;
  const chars = JSON.stringify([system ?? '', messages, tools ?? []]).length;
  return Math.max(1, Math.ceil(chars / CHARS_PER_TOKEN));
}

export async function countTokens(ctx: RequestContext): Promise<Response> {
  const { config, request, record } = ctx;
  const raw = await readJsonBody(request, config.maxBodyBytes);
  const body = validateBody<CountTokensRequest>(vCountMessageTokensParams, raw, discriminators);
  record.modelAsked = body.model;
  const candidates = candidatesFor(config.catalog, config.gateway, body.model);
  const family = candidates[0]!.route.provider.def.family;
  if (family.passThrough?.wire === 'anthropic-messages') {
    const counters = candidates.filter((c) => c.route.provider.def.family.passThrough?.wire === 'anthropic-messages');
    return counted(ctx, counters, async ({ candidate, key, signal }) => {
      const response = await candidate.route.provider.def.family.passThrough!.send({
        provider: candidate.route.provider,
        model: candidate.route.model,
        operation: 'count_tokens',
        // Counted as the messages call will send it: without thinking Claude did not sign.
        body: withoutForeignThinking(raw as Record<string, unknown>),
        key,
        signal,
        secrets: config.secrets,
        inboundHeaders: request.headers,
      });
      return JSON.stringify(await readUpstreamJson(candidate.route.provider, response, checkCount));
    });
  }
  if (family.countTokens) {
    const counters = candidates.filter((c) => c.route.provider.def.family.countTokens);
    // The conversion needs a max_tokens, which a count has no use for.
    const canonical = convertAnthropicMessagesRequest({ ...body, max_tokens: 1 });
    return counted(ctx, counters, async ({ candidate, key, signal }) => {
      const { provider, model } = candidate.route;
      const input_tokens = await provider.def.family.countTokens!({
        provider,
        model,
        request: canonical,
        key,
        includeUsage: false,
        signal,
        secrets: config.secrets,
        inboundHeaders: request.headers,
      });
      return JSON.stringify({ input_tokens } satisfies CountTokensResponse);
    });
  }
  const { provider, model } = candidates[0]!.route;
  Object.assign(record, { provider: provider.id, modelServed: model.id, attempts: 0 });
  const estimate: CountTokensResponse = { input_tokens: estimateInputTokens(body) };
  return Response.json(estimate, {
    headers: { 'x-proxy-provider': provider.id, 'x-proxy-model': model.id, 'x-proxy-token-count': 'estimate' },
  });
}

/** One count through dispatch's attempts (retries, keys, fallbacks among the counters), its JSON as the answer. */
async function counted(
  ctx: RequestContext,
  counters: readonly Candidate[],
  count: (input: AttemptInput) => Promise<string>,
): Promise<Response> {
  const attempt: Served<string> = await runAttempts(ctx.config.gateway, ctx.request.signal, counters, count);
  attempt.release();
  const { provider, model } = attempt.candidate.route;
  Object.assign(ctx.record, { provider: provider.id, modelServed: model.id, attempts: attempt.attempts });
  return new Response(attempt.value, {
    headers: {
      'content-type': 'application/json',
      'x-proxy-provider': provider.id,
      'x-proxy-model': model.id,
      'x-proxy-attempts': String(attempt.attempts),
    },
  });
}
