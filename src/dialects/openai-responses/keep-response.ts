/**
 * Saves an answer in the store without holding up the reply. On Workers the write goes under the
 * request's `waitUntil`: nothing else outlives the response there, and a write still pending when
 * a stream ends would be cut off. On Node, Bun and Deno the process stays: it runs on its own, and
 * a failure is logged.
 * @see https://developers.cloudflare.com/workers/runtime-apis/context/#waituntil
 */
import type { RequestContext } from '../../core/request-context';
import type { Conversation } from './resolve-conversation';
import type { ResponseStore, StoredResponse } from './response-store';
import type { InputItem, ResponseObject } from './responses-types';

export function keepResponse(ctx: RequestContext, store: ResponseStore, stored: StoredResponse, added: readonly InputItem[]): void {
  const write = store.put(stored, added).catch(ctx.log);
  ctx.executionContext?.waitUntil(write);
}

const ignore = (): void => undefined;

/**
 * What a response's answer is kept with once complete: nothing where it is not stored. Made here,
 * not in the handler, so that an open stream holds the conversation (a Codex turn's input is
 * hundreds of kB) only when its answer will be kept.
 */
export function keeperOf(
  ctx: RequestContext,
  store: ResponseStore | undefined,
  conversation: Conversation,
): (response: ResponseObject) => void {
  if (!store || conversation.missing) return ignore;
  const { input, added } = conversation;
  return (response) => keepResponse(ctx, store, { response, input }, added);
}
