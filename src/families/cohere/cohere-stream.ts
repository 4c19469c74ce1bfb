/**
 * Cohere v2 SSE -> canonical chunks, one event at a time. State: the message id, which tool call
 * is open (Cohere numbers content and tool calls separately; OpenAI's tool-call index counts
 * calls), and whether message-end came. Thinking and the tool plan are `reasoning_content`;
 * citation events are dropped (see convert-cohere-response.ts).
 * @see https://docs.cohere.com/docs/streaming
 */
import type { ChatCall } from '../../core/provider';
import { parseUpstreamEvent } from '../../core/parse-upstream-event';
import { readServerSentEvents } from '../../core/sse';
import { deltaChunk, endOfStream, streamIdentity } from '../../core/stream-chunks';
import type { ChatChunk, ChatChunkDelta, FinishReason, Usage } from '../../core/types';
import { asStreamError, upstreamStreamError } from '../../core/upstream-error';
import type { UpstreamBody } from '../../core/upstream-transport';
import { checkCohereEvent } from './check-cohere-reply';
import { mapCohereFinishReason } from './map-cohere-finish-reason';
import { mapCohereUsage } from './map-cohere-usage';
import type { CohereStreamEvent } from './types';

/** Cohere sends nothing after message-end but, on some deployments, a `[DONE]`. */
const endsAnswer = (event: { event?: string | undefined; data: string }): boolean =>
  event.event === 'message-end' || event.data === '[DONE]';

export async function* translateCohereStream(body: UpstreamBody, call: ChatCall): AsyncGenerator<ChatChunk> {
  const { provider, secrets } = call;
  const identity = streamIdentity('', call.model.upstream);
  let calls = 0;
  let started = false;
  let finish: FinishReason | undefined;
  let usage: Usage | undefined;
  const chunk = (delta: ChatChunkDelta): ChatChunk => deltaChunk(identity, delta);

  try {
    for await (const message of readServerSentEvents(body, endsAnswer)) {
      if (message.data === '[DONE]') break;
      const event = parseUpstreamEvent<CohereStreamEvent>(provider, message.data, checkCohereEvent);
      if (!started && event.type !== 'message-start') {
        started = true;
        yield chunk({ role: 'assistant', content: '' });
      }
      switch (event.type) {
        case 'message-start':
          identity.id = event.id ?? identity.id;
          started = true;
          yield chunk({ role: 'assistant', content: '' });
          break;
        case 'content-start':
        case 'content-delta': {
          const content = event.delta?.message?.content;
          if (content?.thinking) yield chunk({ reasoning_content: content.thinking });
          if (content?.text) yield chunk({ content: content.text });
          break;
        }
        case 'tool-plan-delta':
          if (event.delta?.message?.tool_plan) yield chunk({ reasoning_content: event.delta.message.tool_plan });
          break;
        case 'tool-call-start': {
          const tool = event.delta?.message?.tool_calls;
          calls += 1;
          yield chunk({
            tool_calls: [
              {
                index: calls - 1,
                id: tool?.id ?? `call_${calls}`,
                type: 'function',
                function: { name: tool?.function?.name ?? '', arguments: tool?.function?.arguments ?? '' },
              },
            ],
          });
          break;
        }
        case 'tool-call-delta': {
          const args = event.delta?.message?.tool_calls?.function?.arguments;
          if (args && calls > 0) yield chunk({ tool_calls: [{ index: calls - 1, function: { arguments: args } }] });
          break;
        }
        case 'message-end': {
          const delta = event.delta ?? {};
          if (delta.error) throw upstreamStreamError(provider, delta.error, secrets);
          const reason = delta.finish_reason ?? 'COMPLETE';
          finish = mapCohereFinishReason(reason);
          if (!finish) throw upstreamStreamError(provider, `the answer ended with ${reason}`, secrets);
          usage = mapCohereUsage(delta.usage);
          break;
        }
        case 'content-end':
        case 'tool-call-end':
        case 'citation-start':
        case 'citation-end':
          break;
        default: {
          // Events the spec does not list (`debug`) carry nothing for the client.
          const unlisted: never = event;
          void unlisted;
        }
      }
    }
  } catch (error) {
    throw asStreamError(provider, error, secrets);
  }
  yield* endOfStream(call, identity, { started, finish, usage }, 'the response finished');
}
