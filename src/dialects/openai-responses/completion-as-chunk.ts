/**
 * A whole canonical completion as the one chunk that says the same, so a non-streamed answer goes
 * through the same stream translator and comes out as the same response object.
 */
import type { ChatChunk, ChatResponse } from '../../core/types';

export function completionAsChunk(body: ChatResponse): ChatChunk {
  const choice = body.choices.find((c) => c.index === 0) ?? body.choices[0];
  const message = (choice?.message ?? { role: 'assistant', content: '' }) as Record<string, unknown> &
    NonNullable<typeof choice>['message'];
  const delta: Record<string, unknown> = {};
  if (message.reasoning_content) delta.reasoning_content = message.reasoning_content;
  if (Array.isArray(message.reasoning_details)) delta.reasoning_details = message.reasoning_details;
  if (message.content) delta.content = message.content;
  if (message.refusal) delta.content = `${message.content ?? ''}${message.refusal}`;
  if (message.tool_calls?.length) delta.tool_calls = message.tool_calls.map((call, index) => ({ index, ...call }));
  const chunk: ChatChunk = {
    id: body.id,
    object: 'chat.completion.chunk',
    created: body.created,
    model: body.model,
    choices: [{ index: 0, delta, finish_reason: choice?.finish_reason ?? 'stop' }],
  };
  if (body.usage) chunk.usage = body.usage;
  return chunk;
}
