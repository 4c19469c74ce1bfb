/**
 * streamGenerateContent (alt=sse) -> canonical chunks: a synchronous state machine fed one
 * upstream event at a time (the driver, core/sse.ts, feeds it a read at a time). Every event is
 * a partial response; state per candidate: role sent, tool calls so far (stable index and id),
 * finish reason. Finish chunks and the usage chunk go out when the upstream closes, after the
 * last event's content, so nothing of the final event is lost.
 */
import type { EventSourceMessage } from 'eventsource-parser';
import type { StreamCall } from '../../core/provider';
import { parseUpstreamEvent } from '../../core/parse-upstream-event';
import type { StreamStateMachine } from '../../core/sse';
import { deltaChunk, streamIdentity, usageChunk, type StreamIdentity } from '../../core/stream-chunks';
import type { ChatChunk, Usage } from '../../core/types';
import { upstreamInvalidResponse, upstreamStreamError } from '../../core/upstream-error';
import { checkGeminiEvent } from './check-gemini-reply';
import { convertGeminiParts } from './convert-gemini-parts';
import { blockedPrompt } from './convert-gemini-response';
import { mapGeminiFinishReason } from './map-gemini-finish-reason';
import { mapGeminiUsage } from './map-gemini-usage';
import type { FinishReasonValue, GeminiResponse } from './types';

interface CandidateState {
  calls: number;
  finish: FinishReasonValue | undefined;
}

export class GeminiStreamTranslator implements StreamStateMachine<ChatChunk> {
  private readonly identity: StreamIdentity;
  private responseId: string | undefined;
  private usage: Usage | undefined;
  private readonly candidates = new Map<number, CandidateState>();

  constructor(private readonly call: StreamCall) {
    this.identity = streamIdentity(`chatcmpl-${crypto.randomUUID()}`, call.model.upstream);
  }

  /** Gemini has no event that ends the answer: the body's end does. */
  event(event: EventSourceMessage, out: ChatChunk[]): false {
    const { provider, secrets } = this.call;
    const data = parseUpstreamEvent<GeminiResponse & { error?: { code?: number; message?: string; status?: string } }>(
      provider,
      event.data,
      checkGeminiEvent,
    );
    // Google's error `code` is the HTTP status the failure stands for (503 UNAVAILABLE: overloaded).
    // @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
    if (data.error)
      throw upstreamStreamError(provider, `${data.error.status ?? 'error'}: ${data.error.message ?? ''}`, secrets, data.error.code);
    if (data.responseId && !this.responseId) {
      this.responseId = data.responseId;
      this.identity.id = `chatcmpl-${data.responseId}`;
    }
    if (data.modelVersion) this.identity.model = data.modelVersion;
    if (data.usageMetadata) this.usage = mapGeminiUsage(data.usageMetadata);
    if (!data.candidates?.length && data.promptFeedback?.blockReason)
      throw blockedPrompt(provider.def.name, data.promptFeedback.blockReason);
    for (const [position, candidate] of (data.candidates ?? []).entries()) {
      const index = candidate.index ?? position;
      let state = this.candidates.get(index);
      if (!state) {
        this.candidates.set(index, (state = { calls: 0, finish: undefined }));
        out.push(deltaChunk(this.identity, { role: 'assistant', content: '' }, null, index));
      }
      const pieces = convertGeminiParts(candidate.content?.parts ?? [], {
        responseId: this.responseId,
        candidate: index,
        nextCall: state.calls,
      });
      if (pieces.reasoning) out.push(deltaChunk(this.identity, { reasoning_content: pieces.reasoning }, null, index));
      if (pieces.text) out.push(deltaChunk(this.identity, { content: pieces.text }, null, index));
      if (pieces.toolCalls.length) {
        const first = state.calls;
        out.push(deltaChunk(this.identity, { tool_calls: pieces.toolCalls.map((c, i) => ({ index: first + i, ...c })) }, null, index));
        state.calls += pieces.toolCalls.length;
      }
      if (candidate.finishReason) state.finish = candidate.finishReason;
    }
    return false;
  }

  end(out: ChatChunk[]): void {
    const { provider, secrets, includeUsage } = this.call;
    if (this.candidates.size === 0) throw upstreamInvalidResponse(provider, 'the stream had no candidates');
    if ([...this.candidates.values()].some((c) => !c.finish)) {
      throw upstreamStreamError(provider, 'the connection closed before the response finished', secrets);
    }
    for (const [index, state] of [...this.candidates].sort(([a], [b]) => a - b))
      out.push(deltaChunk(this.identity, {}, mapGeminiFinishReason(state.finish, state.calls > 0), index));
    if (includeUsage && this.usage) out.push(usageChunk(this.identity, this.usage));
  }
}
