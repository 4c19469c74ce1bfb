/** The fields of a generateContent reply the proxy reads, checked before use. */
import { isRecord, type ReplyCheck } from '../../core/read-upstream-json';

/** A stream event: every event is a partial response, and may carry only usage. */
export const checkGeminiEvent: ReplyCheck = (body) => {
  if (!isRecord(body)) return 'the body is not a JSON object';
  if (body.error !== undefined || body.candidates === undefined) return undefined;
  if (!Array.isArray(body.candidates)) return '`candidates` is not a list';
  const valid = body.candidates.every(
    (c) =>
      isRecord(c) &&
      (c.content === undefined || (isRecord(c.content) && (c.content.parts === undefined || Array.isArray(c.content.parts)))),
  );
  return valid ? undefined : 'a candidate whose `content.parts` is not a list';
};

/** A whole response: candidates, or the reason the prompt was blocked. */
export const checkGeminiResponse: ReplyCheck = (body) => {
  const problem = checkGeminiEvent(body);
  if (problem) return problem;
  const response = body as Record<string, unknown>;
  const blocked = isRecord(response.promptFeedback) && response.promptFeedback.blockReason !== undefined;
  return blocked || (Array.isArray(response.candidates) && response.candidates.length > 0) ? undefined : 'no `candidates`';
};

const isVector = (value: unknown): boolean => isRecord(value) && Array.isArray(value.values);

/** batchEmbedContents: one `{values}` per request. */
export const checkBatchEmbeddings: ReplyCheck = (body) =>
  isRecord(body) && Array.isArray(body.embeddings) && body.embeddings.every(isVector) ? undefined : 'no `embeddings[].values`';

/** Vertex AI predict: one `{embeddings: {values}}` per instance. */
export const checkEmbeddingPredictions: ReplyCheck = (body) =>
  isRecord(body) && Array.isArray(body.predictions) && body.predictions.every((p) => isRecord(p) && isVector(p.embeddings))
    ? undefined
    : 'no `predictions[].embeddings.values`';
