/** The fields of Cohere replies the converters read, checked before use. */
import { isRecord, type ReplyCheck } from '../../core/read-upstream-json';

export const checkCohereResponse: ReplyCheck = (body) => {
  if (!isRecord(body)) return 'the body is not a JSON object';
  if (!isRecord(body.message)) return 'no `message`';
  if (typeof body.finish_reason !== 'string') return 'no `finish_reason`';
  return undefined;
};

export const checkCohereEvent: ReplyCheck = (body) =>
  isRecord(body) && typeof body.type === 'string' ? undefined : 'an event without `type`';

export const checkCohereEmbeddings: ReplyCheck = (body) => {
  if (!isRecord(body) || !isRecord(body.embeddings)) return 'no `embeddings`';
  return Array.isArray(body.embeddings.float) ? undefined : 'no `embeddings.float`';
};
