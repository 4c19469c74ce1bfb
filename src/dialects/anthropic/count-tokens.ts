/**
 * POST /v1/messages/count_tokens. Claude (Anthropic, Vertex) counts for itself: the body is
 * passed through, with retries and fallbacks among the Claude candidates. Any other model gets an
 * estimate, never a generation call: about four characters of the request's text per token
 * (OpenAI's rule of thumb for English), enough for Claude Code's `/context` and its check of
 * large tool results.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 */
import { discriminators } from '../../../generated/anthropic/discriminators';
import { vCountMessageTokensParams } from '../../../generated/anthropic/valibot.gen';
import { readJsonBody } from '../../core/read-json-body';
import type { RequestContext } from '../../core/request-context';
import { validateBody } from '../../core/validate';
import { candidatesFor } from '../../dispatch/candidates';
import { runAttempts } from '../../dispatch/run-attempts';
import type { CountTokensRequest, CountTokensResponse } from './anthropic-types';

const CHARS_PER_TOKEN = 4;

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
  const counters = candidates.filter((c) => c.route.provider.def.family.passThrough?.wire === 'anthropic-messages');
  if (counters[0] !== candidates[0]) {
    const { provider, model } = candidates[0]!.route;
    Object.assign(record, { provider: provider.id, modelServed: model.id, attempts: 0 });
    const estimate: CountTokensResponse = { input_tokens: estimateInputTokens(body) };
    return Response.json(estimate, {
      headers: { 'x-proxy-provider': provider.id, 'x-proxy-model': model.id, 'x-proxy-token-count': 'estimate' },
    });
  }
  const attempt = await runAttempts(config.gateway, request.signal, counters, ({ candidate, key, signal }) =>
    candidate.route.provider.def.family.passThrough!.send({
      provider: candidate.route.provider,
      model: candidate.route.model,
      operation: 'count_tokens',
      body: raw as Record<string, unknown>,
      key,
      signal,
      secrets: config.secrets,
      inboundHeaders: request.headers,
    }),
  );
  const text = await attempt.value.text();
  attempt.release();
  const { provider, model } = attempt.candidate.route;
  Object.assign(record, { provider: provider.id, modelServed: model.id, attempts: attempt.attempts });
  return new Response(text, {
    headers: {
      'content-type': 'application/json',
      'x-proxy-provider': provider.id,
      'x-proxy-model': model.id,
      'x-proxy-attempts': String(attempt.attempts),
    },
  });
}
