/**
 * Saves an answer in the store without holding up the reply. On Workers the write goes under the
 * request's `waitUntil`: nothing else outlives the response there, and a write still pending when
 * a stream ends would be cut off. On Node, Bun and Deno the process stays: it runs on its own, and
 * a failure is logged.
 * @see https://developers.cloudflare.com/workers/runtime-apis/context/#waituntil
 */
import type { RequestContext } from '../../core/request-context';
import type { ResponseStore, StoredResponse } from './response-store';
import type { InputItem } from './responses-types';

export function keepResponse(ctx: RequestContext, store: ResponseStore, stored: StoredResponse, added: readonly InputItem[]): void {
  const write = store.put(stored, added).catch(ctx.log);
  ctx.executionContext?.waitUntil(write);
}
