/**
 * Coze chat SSE -> canonical chunks, one event at a time. Only the bot's `answer` messages are
 * answer text (and their `reasoning_content`, reasoning); `function_call`, `tool_response`,
 * `tool_output`, `verbose` and `follow_up` messages are how the bot got there, not what it says.
 * State: the chat id, the answer messages that had deltas (a `completed` one without any
 * brings its whole text), usage from `conversation.chat.completed`.
 * @see https://www.coze.com/docs/developer_guides/chat_v3 (streaming events)
 */
import type { ChatCall } from '../../core/provider';
import { parseUpstreamEvent } from '../../core/parse-upstream-event';
import { isRecord } from '../../core/read-upstream-json';
import { readServerSentEvents } from '../../core/sse';
import { deltaChunk, endOfStream, streamIdentity } from '../../core/stream-chunks';
import type { ChatChunk, ChatChunkDelta, FinishReason, Usage } from '../../core/types';
import { asStreamError, upstreamStreamError } from '../../core/upstream-error';
import type { UpstreamBody } from '../../core/upstream-transport';
import { cozeFailure } from './read-coze-error';
import type { CozeChat, CozeEventType, CozeMessage } from './types';

const isDone = (event: { event?: string | undefined }): boolean => event.event === 'done';
const checkData = (body: unknown) => (isRecord(body) ? undefined : 'an event is not a JSON object');

export async function* translateCozeStream(body: UpstreamBody, call: ChatCall): AsyncGenerator<ChatChunk> {
  const { provider, secrets } = call;
  const identity = streamIdentity(`chatcmpl-${crypto.randomUUID()}`, call.model.id);
  let started = false;
  let finish: FinishReason = null;
  let usage: Usage | undefined;
  const streamed = new Set<string>();
  const chunk = (delta: ChatChunkDelta): ChatChunk => deltaChunk(identity, delta);
  const fail = (data: Record<string, unknown>, fallback: string) => {
    const failure = cozeFailure(isRecord(data.last_error) ? data.last_error : data);
    return upstreamStreamError(provider, failure?.vendor.message ?? fallback, secrets, failure?.status);
  };

  try {
    for await (const message of readServerSentEvents(body, isDone)) {
      const type = (message.event ?? '') as CozeEventType;
      if (type === 'done') break;
      const data = parseUpstreamEvent<Record<string, unknown>>(provider, message.data, checkData);
      if (type === 'conversation.chat.created' && typeof data.id === 'string') identity.id = `chatcmpl-${data.id}`;
      if (!started) {
        started = true;
        yield chunk({ role: 'assistant', content: '' });
      }
      switch (type) {
        case 'conversation.message.delta':
        case 'conversation.message.completed': {
          const answer = data as unknown as CozeMessage;
          if (answer.role !== 'assistant' || answer.type !== 'answer') break;
          const key = answer.id ?? '';
          if (type === 'conversation.message.completed' && streamed.has(key)) break;
          if (type === 'conversation.message.delta') streamed.add(key);
          if (answer.reasoning_content) yield chunk({ reasoning_content: answer.reasoning_content });
          if (answer.content) yield chunk({ content: answer.content });
          break;
        }
        case 'conversation.chat.completed': {
          const counts = (data as unknown as CozeChat).usage;
          if (counts) {
            const prompt = counts.input_count ?? 0;
            const completion = counts.output_count ?? 0;
            usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: counts.token_count ?? prompt + completion };
          }
          finish = 'stop';
          break;
        }
        case 'conversation.chat.failed':
          throw fail(data, 'the chat failed');
        case 'conversation.chat.requires_action':
          // The bot waits for a client-side plugin's output, which an OpenAI client cannot submit.
          throw upstreamStreamError(provider, 'the bot asked for a tool output the proxy cannot submit (requires_action)', secrets);
        case 'error':
          throw fail(data, 'error event');
        case 'conversation.chat.created':
        case 'conversation.chat.in_progress':
        case 'conversation.audio.delta':
          break;
        default: {
          // Events the reference does not list carry nothing for the client.
          const unlisted: never = type;
          void unlisted;
        }
      }
    }
  } catch (error) {
    throw asStreamError(provider, error, secrets);
  }
  yield* endOfStream(call, identity, { started, finish, usage }, 'the chat completed');
}
