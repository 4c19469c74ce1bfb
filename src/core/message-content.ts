/** Reading OpenAI message content the same way in every family converter. */
import { badRequest } from './errors';

type Part = { type?: string; text?: string; refusal?: string };

/** The text of a string or of text/refusal parts, joined. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as Part[]).map((p) => p.text ?? p.refusal ?? '').join('');
}

/**
 * A system message's text. Its parts are separate instructions (the Anthropic dialect sends each
 * system block as a part, to keep its cache mark), so they are kept apart by a blank line, as the
 * blocks were joined before they had parts.
 */
export function systemText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as Part[]).flatMap((p) => (p.text ? [p.text] : [])).join('\n\n');
}

/** Tool call arguments (a JSON string) as the object upstreams want; a 400 naming `path` otherwise. */
export function parseToolArguments(text: string, path: string): Record<string, unknown> {
  try {
    const value: unknown = text.trim() ? JSON.parse(text) : {};
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw badRequest('Tool call arguments must be a JSON object.', path, 'invalid_tool_arguments');
}
