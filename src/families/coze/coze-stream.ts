/**
 * Coze chat SSE -> canonical chunks: a synchronous state machine fed one event at a time (the
 * driver, core/sse.ts, feeds it a read at a time). Only the bot's `answer` messages are
 * answer text (and their `reasoning_content`, reasoning); `function_call`, `tool_response`,
 * `tool_output`, `verbose` and `follow_up` messages are how the bot got there, not what it says.
 * State: the chat id, the answer messages that had deltas (a `completed` one without any
 * brings its whole text), usage from `conversation.chat.completed`.
 * @see https://www.coze.com/docs/developer_guides/chat_v3 (streaming events)
 */
import type { EventSourceMessage } from 'eventsource-parser';
import type { StreamCall } from '../../core/provider';
import { parseUpstreamEvent } from '../../core/parse-upstream-event';
import { isRecord } from '../../core/read-upstream-json';
import type { StreamStateMachine } from '../../core/sse';
import { deltaChunk, endOfStream, streamIdentity, type StreamIdentity } from '../../core/stream-chunks';
import type { ChatChunk, ChatChunkDelta, FinishReason, Usage } from '../../core/types';
import { upstreamStreamError } from '../../core/upstream-error';
import { unknownUpstreamValue } from '../../core/unknown-upstream-value';
import { cozeFailure } from './read-coze-error';
import type { CozeChat, CozeEventType, CozeMessage } from './types';

const checkData = (body: unknown) => (isRecord(body) ? undefined : 'an event is not a JSON object');

export class CozeStreamTranslator implements StreamStateMachine<ChatChunk> {
  private readonly identity: StreamIdentity;
  private started = false;
  private finish: FinishReason = null;
  private usage: Usage | undefined;
  private readonly streamed = new Set<string>();

  constructor(private readonly call: StreamCall) {
    this.identity = streamIdentity(`chatcmpl-${crypto.randomUUID()}`, call.model.id);
  }

  /** Coze sends nothing after `done`. */
  event(message: EventSourceMessage, out: ChatChunk[]): boolean {
    const type = (message.event ?? '') as CozeEventType;
    if (type === 'done') return true;
    const { provider, secrets } = this.call;
    const data = parseUpstreamEvent<Record<string, unknown>>(provider, message.data, checkData);
    if (type === 'conversation.chat.created' && typeof data.id === 'string') this.identity.id = `chatcmpl-${data.id}`;
    if (!this.started) {
      this.started = true;
      this.chunk(out, { role: 'assistant', content: '' });
    }
    switch (type) {
      case 'conversation.message.delta':
      case 'conversation.message.completed': {
        const answer = data as unknown as CozeMessage;
        if (answer.role !== 'assistant' || answer.type !== 'answer') break;
        const key = answer.id ?? '';
        if (type === 'conversation.message.completed' && this.streamed.has(key)) break;
        if (type === 'conversation.message.delta') this.streamed.add(key);
        if (answer.reasoning_content) this.chunk(out, { reasoning_content: answer.reasoning_content });
        if (answer.content) this.chunk(out, { content: answer.content });
        break;
      }
      case 'conversation.chat.completed': {
        const counts = (data as unknown as CozeChat).usage;
        if (counts) {
          const prompt = counts.input_count ?? 0;
          const completion = counts.output_count ?? 0;
          this.usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: counts.token_count ?? prompt + completion };
        }
        this.finish = 'stop';
        break;
      }
      case 'conversation.chat.failed':
        throw this.failure(data, 'the chat failed');
      case 'conversation.chat.requires_action':
        // The bot waits for a client-side plugin's output, which an OpenAI client cannot submit.
        throw upstreamStreamError(provider, 'the bot asked for a tool output the proxy cannot submit (requires_action)', secrets);
      case 'error':
        throw this.failure(data, 'error event');
      case 'conversation.chat.created':
      case 'conversation.chat.in_progress':
      case 'conversation.audio.delta':
        break;
      default:
        // Events the reference does not list carry nothing for the client; logged once.
        unknownUpstreamValue('Coze stream event', type, undefined);
    }
    return false;
  }

  /** one chunk of `delta` onto `out` (a method: no closure per event) */
  private chunk(out: ChatChunk[], delta: ChatChunkDelta): void {
    out.push(deltaChunk(this.identity, delta));
  }

  end(out: ChatChunk[]): void {
    const { started, finish, usage } = this;
    endOfStream(this.call, this.identity, { started, finish, usage }, 'the chat completed', out);
  }

  private failure(data: Record<string, unknown>, fallback: string) {
    const failure = cozeFailure(isRecord(data.last_error) ? data.last_error : data);
    return upstreamStreamError(this.call.provider, failure?.vendor.message ?? fallback, this.call.secrets, failure?.status);
  }
}
