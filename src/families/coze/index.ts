/**
 * The coze family: Coze bots through the v3 chat API (`POST /v3/chat`), always streamed; a
 * client that did not ask to stream gets the collected answer (define-family.ts).
 * @see https://www.coze.com/docs/developer_guides/chat_v3
 */
import { chat, type ChatResponse } from '../../../generated/coze/client';
import { defineFamily } from '../../core/define-family';
import { cozeRequestFields } from './chat-request-fields';
import { convertToCozeRequest } from './convert-to-coze-request';
import { CozeStreamTranslator } from './coze-stream';
import type { CozeOptions } from './options';
import { readCozeError, readCozeOkFailure } from './read-coze-error';
import type { CozeRequest } from './types';

export type { CozeOptions } from './options';

// The JSON a 200 can carry is an error (readOkFailure); the answer always streams.
export const coze = defineFamily<CozeOptions, CozeRequest, ChatResponse, undefined>({
  id: 'coze',
  fields: cozeRequestFields,
  convertRequest: (call) => ({ body: convertToCozeRequest(call), stream: true, context: undefined }),
  endpoint: (call, { body }) => ({ request: chat(call.provider.baseUrl, call.key ?? '', { body }) }),
  readError: readCozeError,
  readOkFailure: readCozeOkFailure,
  translateStream: (call) => new CozeStreamTranslator(call),
});
