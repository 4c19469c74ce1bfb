/**
 * OpenAI chat request -> Coze `POST /v3/chat`. The whole conversation goes in
 * `additional_messages` (user `question`s and assistant `answer`s) with auto_save_history off, so
 * the proxy stays stateless. Coze takes no system role: system and developer text is put before
 * the next user turn. Assistant tool calls and tool results become the `function_call` and
 * `tool_response` messages Coze accepts in history. Images must be URLs Coze can fetch
 * (`object_string` content); inline data would need an upload first.
 * @see https://www.coze.com/docs/developer_guides/chat_v3
 */
import { badRequest } from '../../core/errors';
import { systemText, textOf } from '../../core/message-content';
import type { ChatCall } from '../../core/provider';
import { refuseUnsupported } from '../../core/refuse-unsupported';
import type { ChatMessage } from '../../core/types';
import type { CozeEnterMessage, CozeObjectStringItem, CozeRequest } from './types';

type Part = { type: string; text?: string; image_url?: { url: string } };

function question(content: unknown, folded: string[], path: string): CozeEnterMessage {
  const prefix = folded.length ? `${folded.join('\n\n')}\n\n` : '';
  folded.length = 0;
  if (typeof content === 'string' || !(content as Part[]).some((p) => p.type === 'image_url')) {
    return { role: 'user', type: 'question', content: prefix + textOf(content), content_type: 'text' };
  }
  const items: CozeObjectStringItem[] = prefix ? [{ type: 'text', text: prefix.trimEnd() }] : [];
  for (const [i, part] of (content as Part[]).entries()) {
    if (part.type === 'text') items.push({ type: 'text', text: part.text ?? '' });
    else if (part.type === 'image_url' && part.image_url && /^https?:/i.test(part.image_url.url))
      items.push({ type: 'image', file_url: part.image_url.url });
    else
      throw badRequest(
        'Coze takes images as http(s) URLs it can fetch; inline image data is not supported.',
        `${path}[${i}].image_url.url`,
        'unsupported_content',
      );
  }
  return { role: 'user', type: 'question', content: JSON.stringify(items), content_type: 'object_string' };
}

function convertMessages(messages: readonly ChatMessage[]): CozeEnterMessage[] {
  const out: CozeEnterMessage[] = [];
  const folded: string[] = [];
  for (const [index, message] of messages.entries()) {
    switch (message.role) {
      case 'system':
      case 'developer':
        folded.push(systemText(message.content));
        break;
      case 'user':
        out.push(question(message.content, folded, `messages[${index}].content`));
        break;
      case 'assistant': {
        for (const call of message.tool_calls ?? []) {
          if (call.type !== 'function') continue;
          const content = JSON.stringify({ name: call.function.name, arguments: call.function.arguments });
          out.push({ role: 'assistant', type: 'function_call', content, content_type: 'text' });
        }
        const text = textOf(message.content);
        if (text) out.push({ role: 'assistant', type: 'answer', content: text, content_type: 'text' });
        break;
      }
      case 'tool':
        out.push({ role: 'assistant', type: 'tool_response', content: textOf(message.content), content_type: 'text' });
        break;
      case 'function':
        out.push({ role: 'assistant', type: 'tool_response', content: message.content ?? '', content_type: 'text' });
        break;
    }
  }
  // System text after the last user turn still reaches the bot, as a turn of its own.
  if (folded.length) out.push({ role: 'user', type: 'question', content: folded.join('\n\n'), content_type: 'text' });
  return out;
}

export function convertToCozeRequest(call: ChatCall): CozeRequest {
  refuseUnsupported(call);
  const { request, model } = call;
  return {
    bot_id: model.upstream,
    user_id: request.user ?? request.safety_identifier ?? 'llm-api-proxy',
    additional_messages: convertMessages(request.messages),
    stream: true,
    auto_save_history: false,
  };
}
