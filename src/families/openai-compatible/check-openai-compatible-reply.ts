/**
 * The fields of an OpenAI-compatible reply the proxy reads, checked loosely (vendors add fields
 * and leave optional ones out; the generated validators would refuse replies that work).
 */
import { isRecord, type ReplyCheck } from '../../core/read-upstream-json';

const eachChoiceHas = (choices: unknown[], field: 'message' | 'delta'): string | undefined =>
  choices.every((choice) => isRecord(choice) && isRecord(choice[field])) ? undefined : `a choice without \`${field}\``;

export const checkCompletion: ReplyCheck = (body) => {
  if (!isRecord(body)) return 'the body is not a JSON object';
  if (!Array.isArray(body.choices) || body.choices.length === 0) return 'no `choices`';
  return eachChoiceHas(body.choices, 'message');
};

/** A stream event; one without choices carries usage or nothing, and is fine. */
export const checkChunk: ReplyCheck = (body) => {
  if (!isRecord(body)) return 'an event is not a JSON object';
  if (body.choices === undefined) return undefined;
  if (!Array.isArray(body.choices)) return 'an event whose `choices` is not a list';
  return eachChoiceHas(body.choices, 'delta');
};

/** `embedding` is a list of numbers, or a string with `encoding_format: "base64"`. */
export const checkEmbeddings: ReplyCheck = (body) => {
  if (!isRecord(body) || !Array.isArray(body.data)) return 'no `data`';
  const valid = body.data.every((item) => isRecord(item) && (Array.isArray(item.embedding) || typeof item.embedding === 'string'));
  return valid ? undefined : 'an embedding without `embedding`';
};
