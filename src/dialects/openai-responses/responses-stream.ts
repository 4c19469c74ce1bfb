/**
 * Canonical chunks -> Responses stream events: a small synchronous state machine, one chunk in,
 * the events it makes out. Output items open as the kind of content changes (reasoning, text, a
 * tool call) and close with their `.done` events when the next kind starts or the answer ends;
 * `sequence_number` counts every event, `output_index` every item. The final response object is
 * what the events built, so a whole answer (fed as one chunk) comes out the same as a stream.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import type { ProxyError } from '../../core/errors';
import type { ChatChunk, FinishReason, Usage } from '../../core/types';
import { isEmpty, sealReasoning, type CarriedReasoning } from '../../core/carried-reasoning';
import { CUSTOM_INPUT, type DeclaredTool, type ToolIndex } from './convert-responses-tools';
import { mapResponsesStatus } from './map-responses-status';
import { mapResponsesUsage } from './map-responses-usage';
import { newId } from './new-id';
import { PartialJsonString } from './partial-json-string';
import type { OutputItem, ResponseObject, ResponseStreamEvent } from './responses-types';

type Delta = ChatChunk['choices'][number]['delta'] & { reasoning_details?: Array<{ index?: number; type?: string }> };
type ToolCallDelta = NonNullable<Delta['tool_calls']>[number] & { extra_content?: { google?: { thought_signature?: string } } };
/** An event as built here: the sequence number is added when it is sent. */
type Unnumbered = ResponseStreamEvent extends infer E ? (E extends unknown ? Omit<E, 'sequence_number'> : never) : never;

interface MessageState {
  readonly kind: 'message';
  readonly outputIndex: number;
  readonly id: string;
  text: string;
}
interface ReasoningState {
  readonly kind: 'reasoning';
  readonly outputIndex: number;
  readonly id: string;
  text: string;
  partOpen: boolean;
  readonly details: Array<{ index?: number; type?: string }>;
}
interface CallState {
  readonly kind: 'call';
  readonly outputIndex: number;
  readonly id: string;
  readonly callId: string;
  readonly name: string;
  readonly declared: DeclaredTool | undefined;
  args: string;
  /** a freeform tool's input, decoded as its JSON argument streams */
  readonly input: PartialJsonString | undefined;
  /** that input parsed whole once the call ends, for both its `.done` event and its item */
  whole?: string;
}
type ItemState = MessageState | ReasoningState | CallState;

/** A freeform tool's raw input from the one-string-argument function it travelled as. */
function customInput(args: string): string {
  try {
    const parsed = JSON.parse(args) as Record<string, unknown>;
    return typeof parsed[CUSTOM_INPUT] === 'string' ? parsed[CUSTOM_INPUT] : args;
  } catch {
    return args;
  }
}

export class ResponsesStreamTranslator {
  private sequence = 0;
  private open: ItemState[] = [];
  /** made with the first call: an open stream of text need not hold an empty Map */
  private calls: Map<number, CallState> | undefined;
  private readonly signatures: Record<string, string> = {};
  private finish: FinishReason | undefined;
  private usage: Usage | undefined;

  constructor(
    /** the response as created (new-response-object.ts); it is filled in as the events go */
    readonly response: ResponseObject,
    private readonly tools: ToolIndex,
  ) {}

  start(): ResponseStreamEvent[] {
    const out: ResponseStreamEvent[] = [];
    this.emit(out, { type: 'response.created', response: this.snapshot() });
    this.emit(out, { type: 'response.in_progress', response: this.snapshot() });
    return out;
  }

  push(chunk: ChatChunk): ResponseStreamEvent[] {
    const out: ResponseStreamEvent[] = [];
    if (chunk.usage) this.usage = chunk.usage;
    // One answer: the Responses dialect asks for no `n`, and a second choice has no item to go to.
    const choice = chunk.choices.find((c) => c.index === 0);
    if (!choice) return out;
    const delta = choice.delta as Delta;
    if (delta.reasoning_content) this.reasoningText(out, delta.reasoning_content);
    if (delta.reasoning_details?.length) this.reasoning(out).details.push(...delta.reasoning_details);
    if (delta.content) this.text(out, delta.content);
    for (const call of (delta.tool_calls ?? []) as ToolCallDelta[]) this.toolCall(out, call);
    if (choice.finish_reason) this.finish = choice.finish_reason;
    return out;
  }

  /** Closes what is open and ends with `response.completed` (or `.incomplete`). */
  end(): ResponseStreamEvent[] {
    const out: ResponseStreamEvent[] = [];
    this.closeAll(out);
    // Gemini's signatures come on the calls, after any thinking: they get a reasoning item of their own.
    if (Object.keys(this.signatures).length) {
      this.openItem<ReasoningState>(out, { kind: 'reasoning', id: newId('rs'), text: '', partOpen: false, details: [] });
      this.closeAll(out);
    }
    const { status, incomplete_details } = mapResponsesStatus(this.finish);
    Object.assign(this.response, { status, incomplete_details });
    if (this.usage) this.response.usage = mapResponsesUsage(this.usage);
    this.emit(out, { type: status === 'incomplete' ? 'response.incomplete' : 'response.completed', response: this.snapshot() });
    return out;
  }

  /** A failure after the stream began: the items keep what arrived, marked incomplete, and the response fails with the error. */
  fail(error: ProxyError): ResponseStreamEvent[] {
    const out: ResponseStreamEvent[] = [];
    for (const state of this.open) this.response.output[state.outputIndex] = this.itemOf(state, 'incomplete');
    this.open = [];
    Object.assign(this.response, { status: 'failed', error: { code: error.code ?? error.type, message: error.message } });
    this.emit(out, { type: 'response.failed', response: this.snapshot() });
    return out;
  }

  /** Numbers the event in place: each is a fresh literal, and a copy by spread was the costliest step of a chunk. */
  private emit(out: ResponseStreamEvent[], event: Unnumbered): void {
    const numbered = event as ResponseStreamEvent;
    numbered.sequence_number = this.sequence++;
    out.push(numbered);
  }

  /** The response as of now; events carry copies, since it keeps changing. */
  private snapshot(): ResponseObject {
    return { ...this.response, output: [...this.response.output] };
  }

  private current<K extends ItemState['kind']>(kind: K): Extract<ItemState, { kind: K }> | undefined {
    const last = this.open[this.open.length - 1];
    return last?.kind === kind ? (last as Extract<ItemState, { kind: K }>) : undefined;
  }

  private openItem<S extends ItemState>(out: ResponseStreamEvent[], state: Omit<S, 'outputIndex'>): S {
    // Set on the caller's fresh literal rather than copied into a new one: a spread copy costs more.
    const item = state as S;
    (item as { outputIndex: number }).outputIndex = this.response.output.length;
    const shown = this.itemOf(item, 'in_progress');
    this.response.output.push(shown);
    this.open.push(item);
    this.emit(out, { type: 'response.output_item.added', output_index: item.outputIndex, item: shown });
    return item;
  }

  private reasoning(out: ResponseStreamEvent[]): ReasoningState {
    const open = this.current('reasoning');
    if (open) return open;
    this.closeAll(out);
    return this.openItem<ReasoningState>(out, { kind: 'reasoning', id: newId('rs'), text: '', partOpen: false, details: [] });
  }

  private reasoningText(out: ResponseStreamEvent[], text: string): void {
    const item = this.reasoning(out);
    const at = { item_id: item.id, output_index: item.outputIndex, summary_index: 0 };
    if (!item.partOpen) {
      item.partOpen = true;
      this.emit(out, { type: 'response.reasoning_summary_part.added', ...at, part: { type: 'summary_text', text: '' } });
    }
    item.text += text;
    this.emit(out, { type: 'response.reasoning_summary_text.delta', ...at, delta: text });
  }

  private text(out: ResponseStreamEvent[], text: string): void {
    let item = this.current('message');
    if (!item) {
      this.closeAll(out);
      item = this.openItem<MessageState>(out, { kind: 'message', id: newId('msg'), text: '' });
      this.emit(out, {
        type: 'response.content_part.added',
        item_id: item.id,
        output_index: item.outputIndex,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
      });
    }
    item.text += text;
    this.emit(out, {
      type: 'response.output_text.delta',
      item_id: item.id,
      output_index: item.outputIndex,
      content_index: 0,
      delta: text,
      logprobs: [],
    });
  }

  private toolCall(out: ResponseStreamEvent[], call: ToolCallDelta): void {
    const signature = call.extra_content?.google?.thought_signature;
    let item = this.calls?.get(call.index);
    if (!item) {
      // A call opens once its name is known; everything else that is open (text, reasoning) ends first.
      for (const state of this.open) if (state.kind !== 'call') this.close(out, state);
      this.open = this.open.filter((state) => state.kind === 'call');
      const name = call.function?.name ?? '';
      const declared = this.tools.get(name);
      item = this.openItem<CallState>(out, {
        kind: 'call',
        id: newId(declared?.kind === 'custom' ? 'ctc' : 'fc'),
        callId: call.id ?? newId('fc'),
        name,
        declared,
        args: '',
        input: declared?.kind === 'custom' ? new PartialJsonString(CUSTOM_INPUT) : undefined,
      });
      (this.calls ??= new Map()).set(call.index, item);
    }
    if (signature) this.signatures[item.callId] = signature;
    const args = call.function?.arguments;
    if (!args) return;
    item.args += args;
    const at = { item_id: item.id, output_index: item.outputIndex };
    if (!item.input) return this.emit(out, { type: 'response.function_call_arguments.delta', ...at, delta: args });
    const delta = item.input.push(args);
    if (delta) this.emit(out, { type: 'response.custom_tool_call_input.delta', ...at, delta });
  }

  private closeAll(out: ResponseStreamEvent[]): void {
    for (const state of this.open) this.close(out, state);
    this.open = [];
  }

  private close(out: ResponseStreamEvent[], state: ItemState): void {
    const at = { item_id: state.id, output_index: state.outputIndex };
    const incomplete = this.finish === 'length' || this.finish === 'content_filter';
    switch (state.kind) {
      case 'message':
        this.emit(out, { type: 'response.output_text.done', ...at, content_index: 0, text: state.text, logprobs: [] });
        this.emit(out, {
          type: 'response.content_part.done',
          ...at,
          content_index: 0,
          part: { type: 'output_text', text: state.text, annotations: [], logprobs: [] },
        });
        break;
      case 'reasoning':
        if (state.partOpen) {
          this.emit(out, { type: 'response.reasoning_summary_text.done', ...at, summary_index: 0, text: state.text });
          this.emit(out, {
            type: 'response.reasoning_summary_part.done',
            ...at,
            summary_index: 0,
            part: { type: 'summary_text', text: state.text },
          });
        }
        break;
      case 'call':
        if (state.input) {
          // The input parsed whole decides; what the streamed deltas did not give yet is one last delta.
          const input = (state.whole ??= customInput(state.args));
          const rest = input.startsWith(state.input.text) ? input.slice(state.input.text.length) : '';
          if (rest) this.emit(out, { type: 'response.custom_tool_call_input.delta', ...at, delta: rest });
          this.emit(out, { type: 'response.custom_tool_call_input.done', ...at, input });
        } else {
          this.emit(out, {
            type: 'response.function_call_arguments.done',
            ...at,
            name: state.declared?.name ?? state.name,
            arguments: state.args,
          });
        }
        break;
    }
    const item = this.itemOf(state, incomplete && state.kind === 'message' ? 'incomplete' : 'completed');
    this.response.output[state.outputIndex] = item;
    this.emit(out, { type: 'response.output_item.done', output_index: state.outputIndex, item });
  }

  private itemOf(state: ItemState, status: 'in_progress' | 'completed' | 'incomplete'): OutputItem {
    const done = status !== 'in_progress';
    switch (state.kind) {
      case 'message':
        return {
          id: state.id,
          type: 'message',
          role: 'assistant',
          status,
          content: done ? [{ type: 'output_text', text: state.text, annotations: [], logprobs: [] }] : [],
        };
      case 'reasoning': {
        const carried: CarriedReasoning = {};
        if (state.text) carried.text = state.text;
        if (state.details.length) carried.details = state.details;
        // The signatures are all known when the last item closes, which is the one that carries them.
        if (!state.text && !state.details.length && Object.keys(this.signatures).length) carried.signatures = this.signatures;
        return {
          id: state.id,
          type: 'reasoning',
          summary: done && state.text ? [{ type: 'summary_text', text: state.text }] : [],
          ...(done ? { encrypted_content: isEmpty(carried) ? null : sealReasoning(carried) } : {}),
        };
      }
      case 'call': {
        const { declared } = state;
        const namespace = declared?.namespace ? { namespace: declared.namespace } : {};
        if (declared?.kind === 'custom') {
          return {
            id: state.id,
            type: 'custom_tool_call',
            call_id: state.callId,
            name: declared.name,
            input: done ? (state.whole ??= customInput(state.args)) : '',
            ...namespace,
          };
        }
        return {
          id: state.id,
          type: 'function_call',
          call_id: state.callId,
          name: declared?.name ?? state.name,
          arguments: done ? state.args : '',
          ...namespace,
          status,
        };
      }
    }
  }
}
