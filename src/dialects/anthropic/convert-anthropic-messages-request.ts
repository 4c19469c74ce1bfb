/**
 * A Messages request -> the canonical request, for every family that does not speak Messages
 * itself. Tool results become tool messages (images in them follow in a user message, the only
 * place Chat Completions takes images), thinking becomes `reasoning_content` plus signed
 * `reasoning_details` for replay, tool_choice and thinking map to their OpenAI counterparts.
 * `cache_control` marks on user and system content blocks stay on their content parts, and marks on
 * tool definitions on the tool, for the one target that takes them (OpenRouter's Claude models);
 * every family drops them elsewhere (and joins system parts into one string again). `metadata`,
 * `context_management` and `service_tier` are Anthropic's alone.
 * @see https://docs.anthropic.com/en/api/messages
 */
import { interleavedOrder } from '../../core/content-order';
import { badRequest } from '../../core/errors';
import { systemText } from '../../core/message-content';
import { foldContentBlocks } from '../../families/anthropic/fold-content-blocks';
import { withSignature } from '../../families/gemini/thought-signature';
import type {
  AssistantExtensions,
  AssistantPiece,
  ChatMessage,
  ChatRequest,
  ContentPartExtensions,
  ReasoningEffort,
  RequestExtensions,
  ToolMessageExtensions,
} from '../../core/types';
import type {
  DocumentBlock,
  Effort,
  InputContentBlock,
  InputMessage,
  MessagesRequest,
  ThinkingConfig,
  ToolChoice,
  ToolUnion,
} from './anthropic-types';
import { readThinkingSignature } from './thinking-signature';

export type CanonicalRequest = ChatRequest & RequestExtensions;

type Part = Extract<ChatMessage, { role: 'user' }>['content'] extends infer C ? (C extends readonly (infer P)[] ? P : never) : never;

function documentPart(block: DocumentBlock, path: string): Part {
  const { source } = block;
  switch (source.type) {
    case 'base64':
      return {
        type: 'file',
        file: { file_data: `data:${source.media_type};base64,${source.data}`, filename: block.title ?? 'document.pdf' },
      };
    case 'text':
      return { type: 'text', text: block.title ? `${block.title}\n\n${source.data}` : source.data };
    case 'url':
      throw badRequest(
        'Documents by URL reach only Claude; send the PDF as base64 for this model.',
        `${path}.source`,
        'unsupported_content',
      );
  }
}

const cacheMark = (block: object): ContentPartExtensions['cache_control'] | undefined =>
  (block as { cache_control?: ContentPartExtensions['cache_control'] | null }).cache_control ?? undefined;

/** A user block's content part, with its prompt-cache mark. */
function userPart(block: InputContentBlock, path: string): Part {
  const part: Part & ContentPartExtensions = partOf(block, path);
  const mark = cacheMark(block);
  if (mark) part.cache_control = mark;
  return part;
}

function partOf(block: InputContentBlock, path: string): Part {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image': {
      const { source } = block;
      const url = source.type === 'base64' ? `data:${source.media_type};base64,${source.data}` : source.url;
      return { type: 'image_url', image_url: { url } };
    }
    case 'document':
      return documentPart(block, path);
    default:
      throw badRequest(`A \`${block.type}\` block belongs in an assistant turn.`, `${path}.type`, 'invalid_value');
  }
}

/** Tool results first, as tool messages; the turn's other blocks follow as one user message. */
function userMessages(content: InputMessage['content'], path: string): ChatMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const out: ChatMessage[] = [];
  const parts: Part[] = [];
  for (const [i, block] of content.entries()) {
    const at = `${path}[${i}]`;
    if (block.type !== 'tool_result') {
      parts.push(userPart(block, at));
      continue;
    }
    const result = typeof block.content === 'string' ? [{ type: 'text' as const, text: block.content }] : (block.content ?? []);
    const text = result.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
    const tool: ChatMessage & ToolMessageExtensions = { role: 'tool', tool_call_id: block.tool_use_id, content: text };
    if (block.is_error) tool.is_error = true;
    out.push(tool);
    for (const [j, b] of result.entries()) if (b.type !== 'text') parts.push(userPart(b, `${at}.content[${j}]`));
  }
  if (parts.length) out.push({ role: 'user', content: parts });
  return out;
}

/**
 * An assistant turn: text joined into `content`, tool_use as tool calls, and where a text stood
 * among the calls in `content_order` (Gemini keeps it). Thinking text becomes `reasoning_content`
 * (DeepSeek and Kimi want it echoed); only Claude-signed thinking and redacted thinking become
 * `reasoning_details`, which Claude alone can check. A thinking block that carries Gemini thought
 * signatures puts them back on the tool calls they came with; unsigned thinking carries nothing
 * more than its text (see thinking-signature.ts).
 */
function assistantMessage(content: InputMessage['content'], path: string): ChatMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  const blocks = content.map((block, i) => {
    if (block.type === 'text' || block.type === 'thinking' || block.type === 'redacted_thinking' || block.type === 'tool_use') return block;
    throw badRequest(`An assistant turn cannot carry a \`${block.type}\` block.`, `${path}[${i}].type`, 'invalid_value');
  });
  const { text, reasoning, details, toolCalls } = foldContentBlocks(blocks);
  const thoughtSignatures = new Map<string, string>();
  const pieces: AssistantPiece[] = [];
  for (const block of blocks) {
    if (block.type === 'text') pieces.push({ type: 'text', text: block.text });
    else if (block.type === 'tool_use') pieces.push({ type: 'tool_call', id: block.id });
    else if (block.type === 'thinking') {
      const signature = readThinkingSignature(block.signature);
      if (signature.kind === 'gemini') for (const [id, value] of Object.entries(signature.signatures)) thoughtSignatures.set(id, value);
    }
  }
  const message: ChatMessage & AssistantExtensions = { role: 'assistant', content: text || null };
  if (toolCalls.length) message.tool_calls = toolCalls.map((call) => ({ ...call, ...withSignature(thoughtSignatures.get(call.id)) }));
  if (reasoning) message.reasoning_content = reasoning;
  const claudeDetails = details.filter((d) => d.type === 'reasoning.encrypted' || readThinkingSignature(d.signature).kind === 'claude');
  if (claudeDetails.length) message.reasoning_details = claudeDetails.map((d, index) => ({ ...d, index }));
  const order = interleavedOrder(pieces);
  if (order) message.content_order = order;
  return message;
}

type SystemPart = { type: 'text'; text: string } & ContentPartExtensions;

/**
 * The system blocks as one system message: a string, or text parts when a block carries a cache
 * mark, so the mark stays on its block (families that cannot take it join the parts again).
 */
function systemMessage(system: MessagesRequest['system'] | InputMessage['content']): ChatMessage | undefined {
  if (typeof system === 'string') return system ? { role: 'system', content: system } : undefined;
  const parts = (system ?? []).flatMap((block): SystemPart[] => {
    if (block.type !== 'text') return [];
    const mark = cacheMark(block);
    return [mark ? { type: 'text', text: block.text, cache_control: mark } : { type: 'text', text: block.text }];
  });
  if (!parts.length) return undefined;
  if (parts.some((part) => part.cache_control)) return { role: 'system', content: parts };
  return { role: 'system', content: systemText(parts) };
}

function tools(list: readonly ToolUnion[] | undefined): ChatRequest['tools'] {
  if (!list?.length) return undefined;
  return list.map((tool, i) => {
    if (!('input_schema' in tool) || (tool.type != null && tool.type !== 'custom')) {
      throw badRequest(
        `\`${tool.type}\` is a server tool that only Anthropic runs; this model cannot. Remove it or choose a Claude model.`,
        `tools[${i}].type`,
        'server_tool_unsupported',
      );
    }
    const mark = cacheMark(tool);
    return {
      type: 'function',
      function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.input_schema },
      ...(mark ? { cache_control: mark } : {}),
    };
  });
}

function toolChoice(choice: ToolChoice): Pick<ChatRequest, 'tool_choice' | 'parallel_tool_calls'> {
  const parallel = choice.type !== 'none' && choice.disable_parallel_tool_use ? { parallel_tool_calls: false } : {};
  switch (choice.type) {
    case 'auto':
      return { tool_choice: 'auto', ...parallel };
    case 'any':
      return { tool_choice: 'required', ...parallel };
    case 'tool':
      return { tool_choice: { type: 'function', function: { name: choice.name } }, ...parallel };
    case 'none':
      return { tool_choice: 'none' };
  }
}

/**
 * A thinking budget -> the effort that budget stands for (the inverse of the anthropic family's
 * budgets); `adaptive` leaves the effort to `output_config.effort`, or to the model.
 */
function reasoningEffort(thinking: ThinkingConfig | undefined, effort: Effort | null | undefined): ReasoningEffort | undefined {
  if (effort) return effort;
  switch (thinking?.type) {
    case undefined:
    case 'adaptive':
    case 'disabled':
      return undefined;
    case 'enabled':
      return thinking.budget_tokens < 4096 ? 'low' : thinking.budget_tokens < 16384 ? 'medium' : 'high';
  }
}

export function convertAnthropicMessagesRequest(body: MessagesRequest): CanonicalRequest {
  const messages: ChatMessage[] = [];
  const system = systemMessage(body.system);
  if (system) messages.push(system);
  for (const [i, message] of body.messages.entries()) {
    const path = `messages[${i}].content`;
    switch (message.role) {
      case 'user':
        messages.push(...userMessages(message.content, path));
        break;
      case 'assistant':
        messages.push(assistantMessage(message.content, path));
        break;
      case 'system': {
        // Claude Code sends one after the user turn for some models; Chat Completions takes it anywhere.
        const inline = systemMessage(message.content);
        if (inline) messages.push(inline);
        break;
      }
    }
  }
  const out: CanonicalRequest = { model: body.model, messages, max_tokens: body.max_tokens };
  if (body.stream) Object.assign(out, { stream: true, stream_options: { include_usage: true } });
  if (body.temperature !== undefined) out.temperature = body.temperature;
  if (body.top_p !== undefined) out.top_p = body.top_p;
  if (body.top_k !== undefined) out.top_k = body.top_k;
  if (body.stop_sequences?.length) out.stop = body.stop_sequences;
  const declared = tools(body.tools);
  if (declared) out.tools = declared;
  if (body.tool_choice) Object.assign(out, toolChoice(body.tool_choice));
  const effort = reasoningEffort(body.thinking, body.output_config?.effort);
  if (effort) out.reasoning_effort = effort;
  const format = body.output_config?.format;
  if (format) out.response_format = { type: 'json_schema', json_schema: { name: 'response', schema: format.schema, strict: true } };
  return out;
}
