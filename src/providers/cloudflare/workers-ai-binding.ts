/**
 * Workers AI through the `AI` binding, presented to the openai-compatible family as its transport: the
 * OpenAI request body goes to `env.AI.run(model, inputs)`, and the binding's native answer comes
 * back as an OpenAI response, so the family's normalization and stream translator apply unchanged.
 * The URL's path says which call it is: `/chat/completions` here, `/embeddings` in
 * workers-ai-embeddings.ts.
 *
 * Native shapes (Workers AI text generation): `{response, tool_calls?, usage?}`, or with
 * `stream: true` an SSE body of `data: {"response":"..."}` events (usage on the last) and
 * `data: [DONE]`. Newer models answer in OpenAI's own shape; that passes through as is.
 */
import { readableStreamOf } from '../../core/flow';
import { ServerSentEventBatches } from '../../core/sse';
import type { EmbeddingRequest } from '../../core/types';
import type { UpstreamTransport } from '../../core/upstream-transport';
import { embeddingsFromNative, nativeEmbeddingInputs } from './workers-ai-embeddings';

export interface WorkersAiBinding {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
}

export const isWorkersAiBinding = (value: unknown): value is WorkersAiBinding =>
  typeof value === 'object' && value !== null && typeof (value as { run?: unknown }).run === 'function';

interface NativeToolCall {
  id?: string;
  name?: string;
  arguments?: unknown;
  function?: { name?: string; arguments?: unknown };
}

const argumentsText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? {}));

function toolCalls(calls: NativeToolCall[] | undefined, idBase: string) {
  return (calls ?? []).map((call, index) => ({
    id: call.id ?? `${idBase}-call-${index}`,
    type: 'function' as const,
    function: { name: call.function?.name ?? call.name ?? '', arguments: argumentsText(call.function?.arguments ?? call.arguments) },
  }));
}

function completion(model: string, native: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(native.choices)) return native;
  const id = `chatcmpl-${crypto.randomUUID()}`;
  const calls = toolCalls(native.tool_calls as NativeToolCall[] | undefined, id);
  const message: Record<string, unknown> = { role: 'assistant', content: typeof native.response === 'string' ? native.response : null };
  if (calls.length) message.tool_calls = calls;
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: calls.length ? 'tool_calls' : 'stop' }],
    ...(native.usage ? { usage: native.usage } : {}),
  };
}

/** Native SSE -> OpenAI chunk SSE, on the streams' one driver: what one read of the binding completed is one write. */
function chunkStream(model: string, native: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const id = `chatcmpl-${crypto.randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const frame = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
  let calls = 0;
  let usage: unknown;
  let first = true;
  const frames = new ServerSentEventBatches<string>(native, {
    event(event, out) {
      if (event.data === '[DONE]') return true;
      const data = JSON.parse(event.data) as Record<string, unknown>;
      if (Array.isArray(data.choices)) {
        out.push(`data: ${event.data}\n\n`);
        return false;
      }
      if (data.usage) usage = data.usage;
      const delta: Record<string, unknown> = first ? { role: 'assistant' } : {};
      first = false;
      if (typeof data.response === 'string' && data.response) delta.content = data.response;
      const native = toolCalls(data.tool_calls as NativeToolCall[] | undefined, id);
      if (native.length) delta.tool_calls = native.map((call, i) => ({ index: calls + i, ...call }));
      calls += native.length;
      if (Object.keys(delta).length) out.push(frame([{ index: 0, delta, finish_reason: null }]));
      return false;
    },
    end(out) {
      out.push(frame([{ index: 0, delta: {}, finish_reason: calls ? 'tool_calls' : 'stop' }]));
      if (usage) out.push(frame([], { usage }));
      out.push('data: [DONE]\n\n');
    },
  });
  return readableStreamOf({
    start: (sink) => frames.start({ data: (batch) => sink.data(batch.join('')), end: () => sink.end(), fail: (error) => sink.fail(error) }),
    pause: () => frames.pause(),
    resume: () => frames.resume(),
    cancel: () => frames.cancel(),
  });
}

export function workersAiBindingTransport(ai: WorkersAiBinding): UpstreamTransport {
  return async (request) => {
    const embeddings = new URL(request.url).pathname.endsWith('/embeddings');
    const { model, stream_options: _usageIsAlwaysSent, ...body } = JSON.parse(request.body) as Record<string, unknown>;
    const name = String(model);
    let result: unknown;
    try {
      result = await ai.run(name, embeddings ? nativeEmbeddingInputs(body) : body);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The binding throws for bad input and unknown models (e.g. "5007: No such model").
      return Response.json({ error: { message } }, { status: /no such model/i.test(message) ? 404 : 400 });
    }
    if (embeddings) return Response.json(embeddingsFromNative(name, result, body.encoding_format as EmbeddingRequest['encoding_format']));
    if (result instanceof ReadableStream) {
      return new Response(chunkStream(name, result), { headers: { 'content-type': 'text/event-stream' } });
    }
    return Response.json(completion(name, (result ?? {}) as Record<string, unknown>));
  };
}
