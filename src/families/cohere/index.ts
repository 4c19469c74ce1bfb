/**
 * The cohere family: Cohere's v2 chat API (`POST /v2/chat`, JSON or SSE) and v2 embeddings.
 * @see https://docs.cohere.com/reference/chat
 */
import { chatv2 } from '../../../generated/cohere/client';
import { defineFamily } from '../../core/define-family';
import { cohereRequestFields } from './chat-request-fields';
import { checkCohereResponse } from './check-cohere-reply';
import { CohereStreamTranslator } from './cohere-stream';
import { convertCohereResponse } from './convert-cohere-response';
import { convertToCohereRequest } from './convert-to-cohere-request';
import { embedCohere } from './embed-cohere';
import type { CohereOptions } from './options';
import { readCohereError } from './read-cohere-error';
import type { CohereRequest, CohereResponse } from './types';

export type { CohereOptions } from './options';

export const cohere = defineFamily<CohereOptions, CohereRequest, CohereResponse, undefined>({
  id: 'cohere',
  fields: cohereRequestFields,
  convertRequest: (call) => ({ body: convertToCohereRequest(call), stream: call.request.stream === true, context: undefined }),
  endpoint: (call, { body }) => ({ request: chatv2(call.provider.baseUrl, call.key ?? '', { body }) }),
  readError: readCohereError,
  checkReply: checkCohereResponse,
  convertResponse: (reply, { provider, model }) => convertCohereResponse(reply, model.upstream, provider),
  translateStream: (call) => new CohereStreamTranslator(call),
  embed: embedCohere,
});
