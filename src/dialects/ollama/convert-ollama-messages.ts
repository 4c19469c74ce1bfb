/**
 * Ollama chat messages -> canonical messages. Ollama's tool calls carry no ids, so each gets one
 * from its position (`call_<message>_<call>`): the same history always yields the same ids. A
 * `tool` message answers the first unanswered call of the assistant turn before it that has its
 * `tool_name`, else (no name, or no call by that name) the first unanswered call; one with no
 * call left to answer becomes a user message carrying the result.
 */
import { badRequest } from '../../core/errors';
import type { ChatMessage } from '../../core/types';
import { imageDataUrl } from './image-data-url';
import type { OllamaMessage } from './ollama-types';

type UserContent = Extract<ChatMessage, { role: 'user' }>['content'];

/** Text with Ollama images, as a user message's content; images first, where Ollama puts them. */
export function ollamaUserContent(text: string, images: readonly string[] | undefined): UserContent {
  if (!images?.length) return text;
  const parts: Exclude<UserContent, string> = images.map((image) => ({
    type: 'image_url' as const,
    image_url: { url: imageDataUrl(image) },
  }));
  if (text) parts.push({ type: 'text', text });
  return parts;
}

export function convertOllamaMessages(messages: readonly OllamaMessage[]): ChatMessage[] {
  let unanswered: Array<{ id: string; name: string }> = [];
  return messages.map((message, i): ChatMessage => {
    if (message.images?.length && message.role !== 'user') {
      throw badRequest(`\`messages[${i}].images\`: only user messages can carry images.`, `messages[${i}].images`, 'invalid_value');
    }
    const content = message.content ?? '';
    switch (message.role) {
      case 'system':
        return { role: 'system', content };
      case 'user':
        return { role: 'user', content: ollamaUserContent(content, message.images) };
      case 'assistant': {
        const calls = (message.tool_calls ?? []).map((call, j) => ({
          id: `call_${i}_${j}`,
          type: 'function' as const,
          function: { name: call.function.name, arguments: JSON.stringify(call.function.arguments ?? {}) },
        }));
        unanswered = calls.map((call) => ({ id: call.id, name: call.function.name }));
        const out: ChatMessage = { role: 'assistant', content: calls.length && !content ? null : content };
        if (calls.length) out.tool_calls = calls;
        if (message.thinking) out.reasoning_content = message.thinking;
        return out;
      }
      case 'tool': {
        const named = message.tool_name ? unanswered.findIndex((call) => call.name === message.tool_name) : -1;
        const [call] = unanswered.splice(Math.max(named, 0), 1);
        // Ollama accepts a result that answers no call (LlamaIndex sends them); upstreams that pair
        // results with calls would refuse it, so it goes as what it is: text the model reads.
        if (!call) return { role: 'user', content: `Result of the tool${message.tool_name ? ` ${message.tool_name}` : ''}:\n${content}` };
        return { role: 'tool', tool_call_id: call.id, content };
      }
    }
  });
}
