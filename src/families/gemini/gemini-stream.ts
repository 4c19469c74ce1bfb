/**
 * streamGenerateContent (alt=sse) -> canonical chunks, one upstream event at a time. Every event
 * is a partial response; state per candidate: role sent, tool calls so far (stable index and
 * id), finish reason. Finish chunks and the usage chunk go out when the upstream closes, after
 * the last event's content, so nothing of the final event is lost.
 */
import type { ChatCall } from '../../core/provider';
import { parseUpstreamEvent } from '../../core/parse-upstream-event';
import { readServerSentEvents } from '../../core/sse';
import type { ChatChunk, ChatChunkDelta, FinishReason, Usage } from '../../core/types';
import { asStreamError, upstreamInvalidResponse, upstreamStreamError } from '../../core/upstream-error';
import type { UpstreamBody } from '../../core/upstream-transport';
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

export async function* translateGeminiStream(body: UpstreamBody, call: ChatCall): AsyncGenerator<ChatChunk> {
  const { provider, secrets } = call;
  const created = Math.floor(Date.now() / 1000);
  let id = `chatcmpl-${crypto.randomUUID()}`;
  let responseId: string | undefined;
  let model = call.model.upstream;
  let usage: Usage | undefined;
  const candidates = new Map<number, CandidateState>();
  const chunk = (index: number, delta: ChatChunkDelta, finish: FinishReason = null): ChatChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index, delta, finish_reason: finish }],
  });

  try {
    for await (const event of readServerSentEvents(body)) {
      const data = parseUpstreamEvent<GeminiResponse & { error?: { code?: number; message?: string; status?: string } }>(
        provider,
        event.data,
        checkGeminiEvent,
      );
      // Google's error `code` is the HTTP status the failure stands for (503 UNAVAILABLE: overloaded).
      // @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
      if (data.error)
        throw upstreamStreamError(provider, `${data.error.status ?? 'error'}: ${data.error.message ?? ''}`, secrets, data.error.code);
      if (data.responseId && !responseId) {
        responseId = data.responseId;
        id = `chatcmpl-${responseId}`;
      }
      if (data.modelVersion) model = data.modelVersion;
      if (data.usageMetadata) usage = mapGeminiUsage(data.usageMetadata);
      if (!data.candidates?.length && data.promptFeedback?.blockReason)
        throw blockedPrompt(provider.def.name, data.promptFeedback.blockReason);
      for (const [position, candidate] of (data.candidates ?? []).entries()) {
        const index = candidate.index ?? position;
        let state = candidates.get(index);
        if (!state) {
          candidates.set(index, (state = { calls: 0, finish: undefined }));
          yield chunk(index, { role: 'assistant', content: '' });
        }
        const pieces = convertGeminiParts(candidate.content?.parts ?? [], { responseId, candidate: index, nextCall: state.calls });
        if (pieces.reasoning) yield chunk(index, { reasoning_content: pieces.reasoning });
        if (pieces.text) yield chunk(index, { content: pieces.text });
        if (pieces.toolCalls.length) {
          yield chunk(index, { tool_calls: pieces.toolCalls.map((c, i) => ({ index: state.calls + i, ...c })) });
          state.calls += pieces.toolCalls.length;
        }
        if (candidate.finishReason) state.finish = candidate.finishReason;
      }
    }
  } catch (error) {
    throw asStreamError(provider, error, secrets);
  }
  if (candidates.size === 0) throw upstreamInvalidResponse(provider, 'the stream had no candidates');
  if ([...candidates.values()].some((c) => !c.finish)) {
    throw upstreamStreamError(provider, 'the connection closed before the response finished', secrets);
  }
  for (const [index, state] of [...candidates].sort(([a], [b]) => a - b))
    yield chunk(index, {}, mapGeminiFinishReason(state.finish, state.calls > 0));
  if (call.includeUsage && usage) yield { id, object: 'chat.completion.chunk', created, model, choices: [], usage };
}
