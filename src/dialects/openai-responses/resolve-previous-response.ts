/**
 * `previous_response_id` -> the conversation it continues: the stored response's input and output
 * before the new input, as OpenAI documents (instructions are not carried over).
 * @see https://platform.openai.com/docs/guides/conversation-state#passing-context-from-the-previous-response
 */
import { badRequest } from '../../core/errors';
import type { ResponseStore } from './response-store';
import type { InputItem, ResponsesRequest } from './responses-types';

export const inputItems = (input: ResponsesRequest['input']): InputItem[] =>
  input === undefined ? [] : typeof input === 'string' ? [{ type: 'message', role: 'user', content: input }] : input;

/** The whole conversation of a request as input items, the stored part first. */
export async function conversationOf(body: ResponsesRequest, store: ResponseStore): Promise<InputItem[]> {
  const id = body.previous_response_id;
  if (!id) return inputItems(body.input);
  const previous = await store.get(id);
  if (!previous) {
    throw badRequest(
      `Previous response with id '${id}' not found (it may have expired: RESPONSES_STORE_TTL).`,
      'previous_response_id',
      'previous_response_not_found',
    );
  }
  return [...previous.input, ...(previous.response.output as InputItem[]), ...inputItems(body.input)];
}
