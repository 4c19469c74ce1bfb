/** The fields of a Messages reply the proxy reads, checked before use. */
import { isRecord, type ReplyCheck } from '../../core/read-upstream-json';

const blocksValid = (content: unknown): boolean =>
  Array.isArray(content) && content.every((b) => isRecord(b) && typeof b.type === 'string');

export const checkMessage: ReplyCheck = (body) => {
  if (!isRecord(body)) return 'the body is not a JSON object';
  if (!blocksValid(body.content)) return 'no `content` blocks';
  return isRecord(body.usage) ? undefined : 'no `usage`';
};

/** One stream event: the parts of it the translator reads. */
export const checkStreamEvent: ReplyCheck = (event) => {
  if (!isRecord(event) || typeof event.type !== 'string') return 'an event without `type`';
  switch (event.type) {
    case 'message_start':
      return isRecord(event.message) ? undefined : 'message_start without `message`';
    case 'content_block_start':
      return typeof event.index === 'number' && isRecord(event.content_block) ? undefined : 'content_block_start without its block';
    case 'content_block_delta':
      return typeof event.index === 'number' && isRecord(event.delta) ? undefined : 'content_block_delta without its delta';
    case 'message_delta':
      return isRecord(event.delta) ? undefined : 'message_delta without `delta`';
    case 'error':
      return isRecord(event.error) ? undefined : 'an error event without `error`';
    default:
      return undefined;
  }
};
