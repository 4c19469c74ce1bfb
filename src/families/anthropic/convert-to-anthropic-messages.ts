/**
 * OpenAI chat messages -> Anthropic `system` and `messages`. System and developer messages go to
 * `system` in order; tool results become `tool_result` blocks in a user turn; consecutive turns
 * of one role are merged, as the API requires alternation.
 */
import { badRequest } from '../../core/errors';
import { fetchImage, parseDataUrl } from '../../core/image-data';
import { parseToolArguments, systemText, textOf } from '../../core/message-content';
import type { ImagePolicy } from '../../core/provider';
import type { ChatMessage } from '../../core/types';
import { readReasoningDetails } from './reasoning-details';
import type { InputContentBlock, InputMessage, TextBlock } from './types';

type Role = InputMessage['role'];
type Part = { type: string; text?: string; refusal?: string; image_url?: { url: string } };

export interface ConvertedMessages {
  system: TextBlock[];
  messages: InputMessage[];
  /** an assistant turn called tools without signed thinking (a client that dropped it) */
  toolTurnWithoutThinking: boolean;
}

interface Context {
  inlineImageUrls: boolean;
  images: ImagePolicy;
  signal: AbortSignal | undefined;
}

async function imageBlock(url: string, ctx: Context): Promise<InputContentBlock> {
  const inline = parseDataUrl(url) ?? (ctx.inlineImageUrls ? await fetchImage(url, ctx.images, ctx.signal) : undefined);
  if (!inline) return { type: 'image', source: { type: 'url', url } };
  const mediaType = inline.mediaType as 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
  if (!['image/jpeg', 'image/png', 'image/gif', 'image/webp'].includes(mediaType)) {
    throw badRequest(`Claude takes JPEG, PNG, GIF and WebP images; this one is ${inline.mediaType}.`, null, 'invalid_image');
  }
  return { type: 'image', source: { type: 'base64', media_type: mediaType, data: inline.data } };
}

async function userBlocks(content: unknown, path: string, ctx: Context): Promise<InputContentBlock[]> {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  const blocks: InputContentBlock[] = [];
  for (const [i, part] of (content as Part[]).entries()) {
    if (part.type === 'text') {
      if (part.text) blocks.push({ type: 'text', text: part.text });
    } else if (part.type === 'image_url' && part.image_url) {
      blocks.push(await imageBlock(part.image_url.url, ctx));
    } else {
      throw badRequest(`Claude does not take \`${part.type}\` content parts.`, `${path}[${i}].type`, 'unsupported_content');
    }
  }
  return blocks;
}

function assistantBlocks(
  message: Extract<ChatMessage, { role: 'assistant' }>,
  index: number,
): { blocks: InputContentBlock[]; unsigned: boolean } {
  const blocks: InputContentBlock[] = [];
  const record = message as unknown as Record<string, unknown>;
  for (const detail of readReasoningDetails(record.reasoning_details)) {
    if (detail.type === 'reasoning.encrypted') blocks.push({ type: 'redacted_thinking', data: detail.data });
    else if (detail.signature) {
      const thinking = detail.text ?? (typeof record.reasoning_content === 'string' ? record.reasoning_content : '');
      blocks.push({ type: 'thinking', thinking, signature: detail.signature });
    }
  }
  const signed = blocks.length > 0;
  const text = textOf(message.content);
  if (text) blocks.push({ type: 'text', text });
  const calls = message.tool_calls ?? [];
  for (const [j, call] of calls.entries()) {
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseToolArguments(call.function.arguments, `messages[${index}].tool_calls[${j}].function.arguments`),
    });
  }
  if (message.function_call) {
    const { name = '', arguments: args = '' } = message.function_call;
    blocks.push({
      type: 'tool_use',
      id: legacyCallId(name),
      name,
      input: parseToolArguments(args, `messages[${index}].function_call.arguments`),
    });
  }
  return { blocks, unsigned: !signed && (calls.length > 0 || Boolean(message.function_call)) };
}

/** Legacy function calls carry no id; the name pairs a function_call with its result. */
const legacyCallId = (name: string): string => `call_${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export async function convertToAnthropicMessages(messages: readonly ChatMessage[], ctx: Context): Promise<ConvertedMessages> {
  const system: TextBlock[] = [];
  const turns: Array<{ role: Role; blocks: InputContentBlock[] }> = [];
  let toolTurnWithoutThinking = false;
  const push = (role: Role, blocks: InputContentBlock[]) => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) last.blocks.push(...blocks);
    else turns.push({ role, blocks });
  };

  for (const [i, message] of messages.entries()) {
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = systemText(message.content);
        if (text) system.push({ type: 'text', text });
        break;
      }
      case 'user':
        push('user', await userBlocks(message.content, `messages[${i}].content`, ctx));
        break;
      case 'assistant': {
        const { blocks, unsigned } = assistantBlocks(message, i);
        toolTurnWithoutThinking ||= unsigned;
        push('assistant', blocks);
        break;
      }
      case 'tool': {
        const isError = (message as unknown as { is_error?: unknown }).is_error === true;
        push('user', [
          {
            type: 'tool_result',
            tool_use_id: message.tool_call_id,
            content: textOf(message.content),
            ...(isError ? { is_error: true } : {}),
          },
        ]);
        break;
      }
      case 'function':
        push('user', [{ type: 'tool_result', tool_use_id: legacyCallId(message.name), content: message.content ?? '' }]);
        break;
    }
  }

  // A turn that is one text block reads better, and is what most clients send natively, as a string.
  const out: InputMessage[] = turns.map(({ role, blocks }) =>
    blocks.length === 1 && blocks[0]!.type === 'text' ? { role, content: (blocks[0] as TextBlock).text } : { role, content: blocks },
  );
  return { system, messages: out, toolTurnWithoutThinking };
}
