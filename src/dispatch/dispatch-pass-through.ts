/**
 * Dispatch for a surface that speaks a vendor's own API (OpenAI's Responses): each candidate that
 * serves the operation natively gets the client's body and its bytes come back as they are; any
 * other candidate (a fallback to Claude, say) gets the canonical request like every chat. Both go
 * through the same attempts, so retries, keys, timeouts and fallbacks apply to either.
 */
import type { PassThroughOperation } from '../core/provider';
import type { RequestContext } from '../core/request-context';
import type { ChatResult } from '../core/types';
import { candidatesFor } from './candidates';
import { attemptChat, served, servedChat, streamEnd, type ChatAttempt, type ChatDispatch, type Dispatched } from './dispatch';
import { guardByteStream } from './guard-byte-stream';
import { runAttempts } from './run-attempts';

export type PassThroughResult = ChatResult | { readonly kind: 'passed-through'; readonly response: Response };

export interface PassThroughDispatch extends ChatDispatch {
  readonly operation: PassThroughOperation;
  /** the client's body for a native candidate, its `model` set to the upstream id */
  readonly body: (upstreamModel: string) => Readonly<Record<string, unknown>>;
  /** native candidates may be turned off (a base URL without the operation) */
  readonly native: boolean;
}

type Attempt = { readonly kind: 'chat'; readonly chat: ChatAttempt } | { readonly kind: 'passed-through'; readonly response: Response };

export async function dispatchPassThrough(ctx: RequestContext, dispatch: PassThroughDispatch): Promise<Dispatched<PassThroughResult>> {
  const { config, request } = ctx;
  ctx.record.modelAsked = dispatch.model;
  const candidates = candidatesFor(config.catalog, config.gateway, dispatch.model, dispatch.resolve);
  const attempt = await runAttempts(config.gateway, request.signal, candidates, async (input): Promise<Attempt> => {
    const { provider, model } = input.candidate.route;
    const family = provider.def.family;
    if (!dispatch.native || !family.passThrough || !family.passesThrough?.(provider, dispatch.operation)) {
      return { kind: 'chat', chat: await attemptChat(ctx, dispatch, input) };
    }
    const response = await family.passThrough({
      provider,
      model,
      operation: dispatch.operation,
      body: dispatch.body(model.upstream),
      key: input.key,
      signal: input.signal,
      secrets: config.secrets,
    });
    return { kind: 'passed-through', response };
  });
  const value = attempt.value;
  if (value.kind === 'chat') return servedChat(ctx, { ...attempt, value: value.chat }, candidates);
  const upstream = value.response;
  if (!upstream.body) {
    attempt.release();
    return served(ctx, { kind: 'passed-through', response: upstream }, attempt, candidates);
  }
  const body = guardByteStream(upstream.body, {
    provider: attempt.candidate.route.provider,
    idleTimeoutMs: config.gateway.idleTimeoutMs,
    controller: attempt.controller,
    onEnd: streamEnd(ctx, attempt),
  });
  const response = new Response(body, { status: upstream.status, headers: upstream.headers });
  return served(ctx, { kind: 'passed-through', response }, attempt, candidates);
}
