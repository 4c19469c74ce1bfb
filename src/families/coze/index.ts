/**
 * The coze family: Coze bots through the v3 chat API (`POST /v3/chat`), always streamed; a
 * client that did not ask to stream gets the collected answer (define-family.ts).
 * @see https://www.coze.com/docs/developer_guides/chat_v3
 */
import { defineFamily } from '../../core/define-family';
import { cozeRequestFields } from './chat-request-fields';
import { convertToCozeRequest } from './convert-to-coze-request';
import { CozeStreamTranslator } from './coze-stream';
import type { CozeOptions } from './options';
import { readCozeError, readCozeOkFailure } from './read-coze-error';
import type { CozeRequest } from './types';

export type { CozeOptions } from './options';

export const coze = defineFamily<CozeOptions, CozeRequest, never, undefined>({
  id: 'coze',
  fields: cozeRequestFields,
  convertRequest: (call) => ({ body: convertToCozeRequest(call), stream: true, context: undefined }),
  endpoint: (call, { body }) => {
    const { key } = call;
    return { endpoint: { url: `${call.provider.baseUrl}/v3/chat`, auth: async () => ({ authorization: `Bearer ${key ?? ''}` }) }, body };
  },
  readError: readCozeError,
  readOkFailure: readCozeOkFailure,
  translateStream: (call) => new CozeStreamTranslator(call),
});
