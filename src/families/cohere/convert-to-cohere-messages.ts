/**
 * OpenAI chat messages -> Cohere v2 messages: the roles are the same four (developer is system);
 * assistant tool calls keep their ids and argument strings; a tool result answers its call by
 * `tool_call_id`. Images go as `image_url` parts, data URLs included, as Cohere takes them.
 * @see https://docs.cohere.com/reference/chat (messages)
 */
import { badRequest } from '../../core/errors';
import { systemText, textOf } from '../../core/message-content';
import type { ChatMessage } from '../../core/types';
import type { CohereContent, CohereMessage } from './types';

type Part = { type: string; text?: string; image_url?: { url: string; detail?: 'auto' | 'low' | 'high' } };

function userContent(content: unknown, path: string): string | CohereContent[] {
  if (typeof content === 'string') return content;
  return (content as Part[]).map((part, i): CohereContent => {
    if (part.type === 'text') return { type: 'text', text: part.text ?? '' };
    if (part.type === 'image_url' && part.image_url) {
      const { url, detail } = part.image_url;
      return { type: 'image_url', image_url: detail ? { url, detail } : { url } };
    }
    throw badRequest(`Cohere does not take \`${part.type}\` content parts.`, `${path}[${i}].type`, 'unsupported_content');
  });
}

export function convertToCohereMessages(messages: readonly ChatMessage[]): CohereMessage[] {
  return messages.map((message, index): CohereMessage => {
    const path = `messages[${index}].content`;
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: systemText(message.content) };
      case 'user':
        return { role: 'user', content: userContent(message.content, path) };
      case 'assistant': {
        const out: Extract<CohereMessage, { role: 'assistant' }> = { role: 'assistant' };
        const text = textOf(message.content);
        if (text) out.content = text;
        const calls = message.tool_calls ?? [];
        const legacy = message.function_call;
        const toolCalls = [
          ...calls.flatMap((c) => (c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [])),
          ...(legacy ? [{ id: legacy.name ?? '', name: legacy.name ?? '', arguments: legacy.arguments ?? '' }] : []),
        ];
        if (toolCalls.length) {
          out.tool_calls = toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
        }
        return out;
      }
      case 'tool':
        return { role: 'tool', tool_call_id: message.tool_call_id, content: textOf(message.content) };
      case 'function':
        // The legacy form answers a call by name; the converted call above carries the name as its id.
        return { role: 'tool', tool_call_id: message.name, content: message.content ?? '' };
    }
  });
}
