/**
 * Cohere v2 SSE -> canonical chunks: a synchronous state machine fed one event at a time (the
 * driver, core/sse.ts, feeds it a read at a time). State: the message id, which tool call is
 * open (Cohere numbers content and tool calls separately; OpenAI's tool-call index counts
 * calls), and whether message-end came. Thinking and the tool plan are `reasoning_content`;
 * citation events are dropped (see convert-cohere-response.ts).
 * @see https://docs.cohere.com/docs/streaming
 */
import type { EventSourceMessage } from 'eventsource-parser';
import type { StreamCall } from '../../core/provider';
import { parseUpstreamEvent } from '../../core/parse-upstream-event';
import type { StreamStateMachine } from '../../core/sse';
import { deltaChunk, endOfStream, streamIdentity, type StreamIdentity } from '../../core/stream-chunks';
import type { ChatChunk, ChatChunkDelta, FinishReason, Usage } from '../../core/types';
import { upstreamStreamError } from '../../core/upstream-error';
import { unknownUpstreamValue } from '../../core/unknown-upstream-value';
import { checkCohereEvent } from './check-cohere-reply';
import { mapCohereFinishReason } from './map-cohere-finish-reason';
import { mapCohereUsage } from './map-cohere-usage';
import type { CohereStreamEvent } from './types';

export class CohereStreamTranslator implements StreamStateMachine<ChatChunk> {
  private readonly identity: StreamIdentity;
  private calls = 0;
  private started = false;
  private finish: FinishReason | undefined;
  private usage: Usage | undefined;

  constructor(private readonly call: StreamCall) {
    this.identity = streamIdentity('', call.model.upstream);
  }

  /** Cohere sends nothing after message-end but, on some deployments, a `[DONE]` (drained with the rest). */
  event(message: EventSourceMessage, out: ChatChunk[]): boolean {
    if (message.data === '[DONE]') return true;
    const { provider, secrets } = this.call;
    const event = parseUpstreamEvent<CohereStreamEvent>(provider, message.data, checkCohereEvent);
    if (!this.started && event.type !== 'message-start') {
      this.started = true;
      this.chunk(out, { role: 'assistant', content: '' });
    }
    switch (event.type) {
      case 'message-start':
        this.identity.id = event.id ?? this.identity.id;
        this.started = true;
        this.chunk(out, { role: 'assistant', content: '' });
        break;
      case 'content-start':
      case 'content-delta': {
        const content = event.delta?.message?.content;
        if (content?.thinking) this.chunk(out, { reasoning_content: content.thinking });
        if (content?.text) this.chunk(out, { content: content.text });
        break;
      }
      case 'tool-plan-delta':
        if (event.delta?.message?.tool_plan) this.chunk(out, { reasoning_content: event.delta.message.tool_plan });
        break;
      case 'tool-call-start': {
        const tool = event.delta?.message?.tool_calls;
        this.calls += 1;
        this.chunk(out, {
          tool_calls: [
            {
              index: this.calls - 1,
              id: tool?.id ?? `call_${this.calls}`,
              type: 'function',
              function: { name: tool?.function?.name ?? '', arguments: tool?.function?.arguments ?? '' },
            },
          ],
        });
        break;
      }
      case 'tool-call-delta': {
        const args = event.delta?.message?.tool_calls?.function?.arguments;
        if (args && this.calls > 0) this.chunk(out, { tool_calls: [{ index: this.calls - 1, function: { arguments: args } }] });
        break;
      }
      case 'message-end': {
        const delta = event.delta ?? {};
        if (delta.error) throw upstreamStreamError(provider, delta.error, secrets);
        const reason = delta.finish_reason ?? 'COMPLETE';
        this.finish = mapCohereFinishReason(reason);
        if (!this.finish) throw upstreamStreamError(provider, `the answer ended with ${reason}`, secrets);
        this.usage = mapCohereUsage(delta.usage);
        return true;
      }
      case 'content-end':
      case 'tool-call-end':
      case 'citation-start':
      case 'citation-end':
        break;
      default:
        // Events the spec does not list (Cohere's `debug`) carry nothing for the client; logged once.
        unknownUpstreamValue('Cohere stream event type', event, undefined);
    }
    return false;
  }

  /** one chunk of `delta` onto `out` (a method: no closure per event) */
  private chunk(out: ChatChunk[], delta: ChatChunkDelta): void {
    out.push(deltaChunk(this.identity, delta));
  }

  end(out: ChatChunk[]): void {
    const { started, finish, usage } = this;
    endOfStream(this.call, this.identity, { started, finish, usage }, 'the response finished', out);
  }
}
