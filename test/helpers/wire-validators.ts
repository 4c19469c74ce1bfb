/**
 * The spec each family's upstream speaks, as generated validators: a fixture's upstream request,
 * response and stream events must be valid against specs/, so fixtures cannot drift from the wire.
 */
import * as v from 'valibot';
import type { GenericSchema } from 'valibot';
import * as anthropic from '../../generated/anthropic/valibot.gen';
import * as cohere from '../../generated/cohere/valibot.gen';
import * as coze from '../../generated/coze/valibot.gen';
import * as gemini from '../../generated/gemini/valibot.gen';
import * as openai from '../../generated/openai/valibot.gen';

export interface WireValidators {
  request: GenericSchema;
  response: GenericSchema;
  event: GenericSchema;
  /** the request body as the spec describes it (Vertex moves `model` into the URL) */
  requestAsSpec(body: Record<string, unknown>, url: string): Record<string, unknown>;
  /** events that are not part of the response schema (errors, keep-alives) */
  skipEvent(data: Record<string, unknown>): boolean;
}

export const wireValidators: Record<string, WireValidators> = {
  'openai-compatible': {
    request: openai.vCreateChatCompletionRequest,
    response: openai.vCreateChatCompletionResponse,
    event: openai.vCreateChatCompletionStreamResponse,
    requestAsSpec: (body) => body,
    // Azure's leading prompt_filter_results event has no choices and no usage; the proxy skips it.
    skipEvent: (data) => Boolean(data.error) || (Array.isArray(data.choices) && data.choices.length === 0 && !data.usage),
  },
  anthropic: {
    request: anthropic.vCreateMessageParams,
    response: anthropic.vMessage,
    event: anthropic.vMessageStreamEvent,
    requestAsSpec: (body, url) => {
      if (!('anthropic_version' in body)) return body;
      const { anthropic_version: _version, ...rest } = body;
      return { model: /\/models\/([^:]+):/.exec(url)?.[1] ?? '', ...rest };
    },
    skipEvent: () => false,
  },
  gemini: {
    request: gemini.vGenerateContentRequest,
    response: gemini.vGenerateContentResponse,
    event: gemini.vGenerateContentResponse,
    requestAsSpec: (body) => body,
    skipEvent: (data) => Boolean(data.error),
  },
  cohere: {
    request: cohere.vChatRequestV2,
    response: cohere.vChatResponseV2,
    event: cohere.vStreamedChatResponseV2,
    requestAsSpec: (body) => body,
    skipEvent: () => false,
  },
  coze: {
    request: coze.vChatRequest,
    // Coze answers failures with HTTP 200 and `{code, msg}`; nothing else comes as JSON.
    response: coze.vErrorResponse,
    event: v.union([coze.vChat, coze.vMessage, coze.vErrorResponse]),
    requestAsSpec: (body) => body,
    // `done` carries the bare string "[DONE]".
    skipEvent: (data) => typeof data !== 'object',
  },
};
