/**
 * Responses tools -> canonical (Chat Completions) tools, and the index that turns a canonical tool
 * call back into the item the client declared: a `function_call` (with its `namespace`), or a
 * `custom_tool_call` for a freeform tool. Hosted tools (web_search, file_search, ...) only OpenAI
 * runs: they are left out, and the caller names them in a response header (Codex sends them by
 * default, so refusing them would refuse Codex).
 * @see https://platform.openai.com/docs/guides/function-calling#custom-tools
 */
import type { ChatRequest } from '../../core/types';
import type { CustomTool, FunctionTool, ResponsesRequest, ResponsesTool } from './responses-types';

type ChatTool = NonNullable<ChatRequest['tools']>[number];

/** How a canonical tool name answers in the Responses dialect. */
export interface DeclaredTool {
  readonly kind: 'function' | 'custom';
  readonly name: string;
  readonly namespace?: string;
}

export type ToolIndex = ReadonlyMap<string, DeclaredTool>;

export interface ConvertedTools {
  readonly tools: ChatTool[] | undefined;
  readonly toolChoice: ChatRequest['tool_choice'];
  readonly index: ToolIndex;
  /** hosted tool types left out */
  readonly dropped: string[];
}

/** The one string argument a freeform tool's input travels in. */
export const CUSTOM_INPUT = 'input';

/** Namespaced tools become one flat name: upstream function names allow only `[A-Za-z0-9_-]`. */
export const canonicalToolName = (name: string, namespace?: string | null): string => (namespace ? `${namespace}__${name}` : name);

function functionTool(tool: FunctionTool, namespace?: string): ChatTool {
  const fn: Extract<ChatTool, { type: 'function' }>['function'] = { name: canonicalToolName(tool.name, namespace) };
  if (tool.description) fn.description = tool.description;
  fn.parameters = tool.parameters ?? { type: 'object', properties: {} };
  if (tool.strict != null) fn.strict = tool.strict;
  return { type: 'function', function: fn };
}

/** A freeform tool as a function taking its raw input as one string; a grammar goes into that argument's description. */
function customTool(tool: CustomTool, namespace?: string): ChatTool {
  const format = tool.format;
  const grammar =
    format?.type === 'grammar' && format.definition ? ` It must match this ${format.syntax ?? ''} grammar:\n${format.definition}` : '';
  return {
    type: 'function',
    function: {
      name: canonicalToolName(tool.name, namespace),
      ...(tool.description ? { description: tool.description } : {}),
      parameters: {
        type: 'object',
        properties: { [CUSTOM_INPUT]: { type: 'string', description: `The tool's raw input.${grammar}` } },
        required: [CUSTOM_INPUT],
        additionalProperties: false,
      },
    },
  };
}

function convertToolChoice(choice: ResponsesRequest['tool_choice'], index: ToolIndex): ChatRequest['tool_choice'] {
  if (choice == null || typeof choice === 'string') return choice ?? undefined;
  switch (choice.type) {
    case 'function':
    case 'custom':
      return choice.name ? { type: 'function', function: { name: canonicalNameOf(choice.name, index) } } : 'required';
    case 'allowed_tools':
      return choice.mode ?? 'auto';
    default:
      // A hosted tool forced by type: it is left out, so the model chooses among the rest.
      return 'auto';
  }
}

/** A declared name, or a namespaced one given bare, as the canonical name. */
function canonicalNameOf(name: string, index: ToolIndex): string {
  if (index.has(name)) return name;
  for (const [canonical, tool] of index) if (tool.name === name) return canonical;
  return name;
}

/** The index of a request without tools, shared: an open stream need not hold an empty Map of its own. */
const NO_TOOLS: ToolIndex = new Map();

export function convertResponsesTools(request: ResponsesRequest): ConvertedTools {
  const tools: ChatTool[] = [];
  const index = new Map<string, DeclaredTool>();
  const dropped: string[] = [];
  const add = (tool: FunctionTool | CustomTool, namespace?: string) => {
    const converted = tool.type === 'custom' ? customTool(tool, namespace) : functionTool(tool, namespace);
    tools.push(converted);
    index.set(canonicalToolName(tool.name, namespace), { kind: tool.type, name: tool.name, ...(namespace ? { namespace } : {}) });
  };
  for (const tool of request.tools ?? ([] as ResponsesTool[])) {
    switch (tool.type) {
      case 'function':
      case 'custom':
        add(tool);
        break;
      case 'namespace':
        for (const member of tool.tools) add(member, tool.name);
        break;
      default:
        if (!dropped.includes(tool.type)) dropped.push(tool.type);
    }
  }
  const toolChoice = tools.length ? convertToolChoice(request.tool_choice, index) : undefined;
  return { tools: tools.length ? tools : undefined, toolChoice, index: index.size ? index : NO_TOOLS, dropped };
}
