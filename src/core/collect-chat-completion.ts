import type { ChatChunk, ChatResponse, ChatResponseMessage, FinishReason, Usage } from './types';

interface ChoiceState {
  content: string;
  reasoning: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finish: FinishReason;
}

/**
 * A whole completion from a stream of chunks: for upstreams that only stream (thinking on
 * DashScope, for example) while the client asked for one JSON answer.
 */
export async function collectChatCompletion(batches: AsyncIterable<ChatChunk[]>): Promise<ChatResponse> {
  const choices = new Map<number, ChoiceState>();
  let head: ChatChunk | undefined;
  let usage: Usage | undefined;
  for await (const batch of batches) {
    for (const chunk of batch) {
      head ??= chunk;
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        let state = choices.get(choice.index);
        if (!state) choices.set(choice.index, (state = { content: '', reasoning: '', toolCalls: [], finish: null }));
        const delta = choice.delta;
        if (delta.content) state.content += delta.content;
        if (delta.reasoning_content) state.reasoning += delta.reasoning_content;
        for (const call of delta.tool_calls ?? []) {
          const slot = (state.toolCalls[call.index] ??= { id: '', name: '', arguments: '' });
          if (call.id) slot.id = call.id;
          if (call.function?.name) slot.name += call.function.name;
          if (call.function?.arguments) slot.arguments += call.function.arguments;
        }
        if (choice.finish_reason) state.finish = choice.finish_reason;
      }
    }
  }
  const body: ChatResponse = {
    id: head?.id ?? 'chatcmpl-collected',
    object: 'chat.completion',
    created: head?.created ?? Math.floor(Date.now() / 1000),
    model: head?.model ?? '',
    choices: [...choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => {
        const message: ChatResponseMessage = { role: 'assistant', content: state.content || (state.toolCalls.length ? null : '') };
        if (state.reasoning) message.reasoning_content = state.reasoning;
        const calls = state.toolCalls.filter(Boolean);
        if (calls.length) {
          message.tool_calls = calls.map((c) => ({
            id: c.id,
            type: 'function' as const,
            function: { name: c.name, arguments: c.arguments },
          }));
        }
        return { index, message, finish_reason: state.finish ?? 'stop' };
      }),
  };
  if (usage) body.usage = usage;
  return body;
}
