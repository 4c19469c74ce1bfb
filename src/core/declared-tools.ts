/**
 * The functions a request offers and the choice it makes among them, legacy `functions` and
 * `function_call` included, read once for every family that translates tools.
 */
import type { ChatRequest } from './types';

export interface DeclaredFunction {
  name: string;
  description?: string | undefined;
  parameters?: Record<string, unknown> | undefined;
}

export type ToolChoice = 'none' | 'auto' | 'required' | { name: string } | undefined;

export function declaredFunctions(request: ChatRequest): DeclaredFunction[] {
  return [...(request.tools ?? []).map((t) => t.function), ...(request.functions ?? [])];
}

export function toolChoiceOf(request: ChatRequest): ToolChoice {
  const choice = request.tool_choice ?? request.function_call;
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === 'string') return choice;
  return { name: 'function' in choice ? choice.function.name : choice.name };
}
