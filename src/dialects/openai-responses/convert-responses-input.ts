/**
 * Responses input items -> canonical messages. A turn of the model arrives as several items
 * (reasoning, message, function calls) and becomes one assistant message; tool outputs become tool
 * messages; the reasoning a proxy answer carried in `encrypted_content` goes back where each
 * vendor reads it (see src/core/carried-reasoning.ts); where a message item stood among the calls is kept in
 * `content_order`.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
import { badRequest } from '../../core/errors';
import { interleavedOrder } from '../../core/content-order';
import type { AssistantPiece, ChatMessage } from '../../core/types';
import { openReasoning, type CarriedReasoning } from '../../core/carried-reasoning';
import { CUSTOM_INPUT, canonicalToolName } from './convert-responses-tools';
import type { InputContent, InputItem, ToolCallOutput } from './responses-types';

type Assistant = Extract<ChatMessage, { role: 'assistant' }> & { reasoning_details?: unknown[]; content_order?: AssistantPiece[] };
type UserPart = Exclude<Extract<ChatMessage, { role: 'user' }>['content'], string>[number];

function userPart(part: InputContent, path: string): UserPart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'text', text: part.refusal };
    case 'input_image':
      if (!part.image_url) {
        throw badRequest(
          `\`${path}\`: file ids live in OpenAI's file storage; send the image as \`image_url\` (a URL or a data URL).`,
          path,
          'unsupported_value',
        );
      }
      return {
        type: 'image_url',
        image_url: { url: part.image_url, ...(part.detail && part.detail !== 'original' ? { detail: part.detail } : {}) },
      };
    case 'input_file':
      if (!part.file_data) {
        throw badRequest(
          `\`${path}\`: file ids and file URLs need OpenAI's storage; send the file inline as \`file_data\`.`,
          path,
          'unsupported_value',
        );
      }
      return { type: 'file', file: { file_data: part.file_data, ...(part.filename ? { filename: part.filename } : {}) } };
  }
}

const textOf = (content: string | InputContent[], path: string): string =>
  typeof content === 'string'
    ? content
    : content
        .map((part, i) => {
          const converted = userPart(part, `${path}[${i}]`);
          return converted.type === 'text' ? converted.text : '';
        })
        .join('');

/** Tool output as the text a tool message carries; images and files in it have no place there and are named instead. */
const outputText = (output: ToolCallOutput): string =>
  typeof output === 'string'
    ? output
    : output.map((part) => (part.type === 'input_text' || part.type === 'output_text' ? part.text : `[${part.type} omitted]`)).join('');

export function convertResponsesInput(input: string | InputItem[] | undefined, instructions: string | null | undefined): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (instructions) messages.push({ role: 'system', content: instructions });
  if (input === undefined) return messages;
  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input });
    return messages;
  }
  const signatures = new Map<string, string>();
  /** each reasoning item's, opened once (a replayed conversation brings every turn's) */
  const opened = new Map<InputItem, CarriedReasoning | undefined>();
  for (const item of input) {
    if (item.type !== 'reasoning') continue;
    const carried = openReasoning(item.encrypted_content);
    opened.set(item, carried);
    for (const [id, signature] of Object.entries(carried?.signatures ?? {})) signatures.set(id, signature);
  }
  /** the assistant message this turn's items join, started by the first of them */
  const turn = (): Assistant => {
    const last = messages[messages.length - 1];
    if (last?.role === 'assistant') return last as Assistant;
    const message: Assistant = { role: 'assistant', content: null };
    messages.push(message);
    return message;
  };
  /** each assistant message's texts and calls in item order (content-order.ts) */
  const pieces = new Map<Assistant, AssistantPiece[]>();
  const note = (assistant: Assistant, piece: AssistantPiece) => {
    const list = pieces.get(assistant);
    if (list) list.push(piece);
    else pieces.set(assistant, [piece]);
  };
  const call = (id: string, name: string, args: string) => {
    const signature = signatures.get(id);
    const assistant = turn();
    note(assistant, { type: 'tool_call', id });
    (assistant.tool_calls ??= []).push({
      id,
      type: 'function',
      function: { name, arguments: args },
      ...(signature ? { extra_content: { google: { thought_signature: signature } } } : {}),
    } as NonNullable<Assistant['tool_calls']>[number]);
  };
  input.forEach((item, i) => {
    const path = `input[${i}]`;
    switch (item.type) {
      case undefined:
      case 'message': {
        if (!('role' in item)) return;
        if (item.role === 'assistant') {
          const assistant = turn();
          const text = textOf(item.content, `${path}.content`);
          assistant.content = typeof assistant.content === 'string' ? assistant.content + text : text;
          note(assistant, { type: 'text', text });
        } else if (item.role === 'user') {
          const content =
            typeof item.content === 'string' ? item.content : item.content.map((part, j) => userPart(part, `${path}.content[${j}]`));
          messages.push({ role: 'user', content });
        } else {
          messages.push({ role: item.role, content: textOf(item.content, `${path}.content`) });
        }
        return;
      }
      case 'function_call':
        return call(item.call_id, canonicalToolName(item.name, item.namespace), item.arguments);
      case 'custom_tool_call':
        return call(item.call_id, canonicalToolName(item.name, item.namespace), JSON.stringify({ [CUSTOM_INPUT]: item.input }));
      case 'function_call_output':
      case 'custom_tool_call_output':
        messages.push({ role: 'tool', tool_call_id: item.call_id, content: outputText(item.output) });
        return;
      case 'reasoning': {
        const carried = opened.get(item);
        const text = carried?.text ?? item.summary.map((part) => part.text).join('\n\n');
        if (!text && !carried?.details?.length) return;
        const assistant = turn();
        if (text) assistant.reasoning_content = (assistant.reasoning_content ?? '') + text;
        if (carried?.details?.length) assistant.reasoning_details = [...(assistant.reasoning_details ?? []), ...carried.details];
        return;
      }
      case 'item_reference':
      case null:
        // resolve-conversation.ts replaces references with the stored items, or refuses, before any conversion.
        throw new Error(`${path}: an item_reference reached the converter unresolved`);
    }
  });
  for (const [assistant, turnPieces] of pieces) {
    const order = interleavedOrder(turnPieces);
    if (order) assistant.content_order = order;
  }
  return messages;
}
