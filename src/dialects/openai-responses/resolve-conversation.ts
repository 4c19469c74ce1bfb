/**
 * The state a request refers to, from the proxy's store: `previous_response_id` puts the stored
 * response's conversation and output before the new input, as OpenAI documents (instructions are
 * not carried over), and each `item_reference` becomes the stored item it names.
 *
 * What the store does not have (no store, an unknown or expired id) is not refused here: OpenAI
 * and Azure keep responses of their own (`store` defaults to true there), so a native target gets
 * the request as the client sent it and answers for its own state; every other target gets the
 * 400 this gives (`missing`), as it has no state at all. What the store has is expanded for every
 * target, native ones included: the proxy's chain may hold turns the upstream never kept (answers
 * of another vendor, `store: false` upstream) and does not depend on which resource answered.
 * @see https://platform.openai.com/docs/guides/conversation-state#passing-context-from-the-previous-response
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
import { badRequest, type ProxyError } from '../../core/errors';
import type { StoreLookup } from './response-store';
import type { InputItem, ResponsesRequest } from './responses-types';

export type Conversation =
  /**
   * the whole conversation as items, `expanded` when stored state went into it; `added`: the
   * request's own items (not the references), which a kept answer makes referable
   */
  | { readonly input: InputItem[]; readonly added: InputItem[]; readonly expanded: boolean; readonly missing?: undefined }
  /** state the proxy does not have: only an upstream that keeps its own can answer */
  | { readonly missing: ProxyError };

export const inputItems = (input: ResponsesRequest['input']): InputItem[] =>
  input === undefined ? [] : typeof input === 'string' ? [{ type: 'message', role: 'user', content: input }] : input;

const isReference = (item: InputItem): item is Extract<InputItem, { type?: 'item_reference' | null }> & { id: string } =>
  item.type === 'item_reference' || item.type === null;

const expired = '(it may have expired: RESPONSES_STORE_TTL)';

export async function conversationOf(body: ResponsesRequest, lookup: StoreLookup): Promise<Conversation> {
  const items = inputItems(body.input);
  const id = body.previous_response_id;
  // Most requests refer to nothing stored: one pass that allocates nothing says so.
  if (!id && !items.some(isReference)) return { input: items, added: items, expanded: false };
  const references = items.flatMap((item, i) => (isReference(item) ? [i] : []));
  if (!lookup.store) {
    const param = id ? 'previous_response_id' : `input[${references[0]}]`;
    const what = id ? '`previous_response_id`' : `\`${param}\`: an item_reference`;
    return { missing: badRequest(`${what} needs stored responses. ${lookup.why}`, param, 'stateless_proxy') };
  }
  const previous = id ? await lookup.store.get(id) : undefined;
  if (id && !previous) {
    const message = `Previous response with id '${id}' not found ${expired}.`;
    return { missing: badRequest(message, 'previous_response_id', 'previous_response_not_found') };
  }
  const resolved = [...items];
  for (const i of references) {
    const ref = items[i] as { id: string };
    const item = await lookup.store.getItem(ref.id);
    if (!item)
      return { missing: badRequest(`\`input[${i}]\`: item with id '${ref.id}' not found ${expired}.`, `input[${i}]`, 'item_not_found') };
    resolved[i] = item;
  }
  const before = previous ? [...previous.input, ...(previous.response.output as InputItem[])] : [];
  return { input: [...before, ...resolved], added: items.filter((item) => !isReference(item)), expanded: true };
}
