/**
 * OpenAI chat messages -> Gemini `systemInstruction` and `contents`. System and developer
 * messages go to systemInstruction only, in order; assistant turns become `model` turns; a tool
 * result becomes a functionResponse named after the call it answers; same-role turns merge.
 */
import { badRequest } from '../../core/errors';
import { fetchImage, parseDataUrl } from '../../core/image-data';
import type { ImagePolicy } from '../../core/provider';
import { parseToolArguments, systemText, textOf } from '../../core/message-content';
import type { AssistantExtensions, ChatMessage } from '../../core/types';
import { SKIP_SIGNATURE_VALIDATION, signatureOf } from './thought-signature';
import type { GeminiContent, GeminiPart } from './types';

type Part = { type: string; text?: string; refusal?: string; image_url?: { url: string } };

export interface ConvertedContents {
  systemInstruction: GeminiContent | undefined;
  contents: GeminiContent[];
}

interface Context {
  /** Gemini 3 refuses function calls replayed without their signature */
  signaturesRequired: boolean;
  images: ImagePolicy;
  signal: AbortSignal | undefined;
}

async function userParts(content: unknown, path: string, ctx: Context): Promise<GeminiPart[]> {
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  const parts: GeminiPart[] = [];
  for (const [i, part] of (content as Part[]).entries()) {
    if (part.type === 'text') {
      if (part.text) parts.push({ text: part.text });
    } else if (part.type === 'image_url' && part.image_url) {
      const image = parseDataUrl(part.image_url.url) ?? (await fetchImage(part.image_url.url, ctx.images, ctx.signal));
      parts.push({ inlineData: { mimeType: image.mediaType, data: image.data } });
    } else {
      throw badRequest(`Gemini does not take \`${part.type}\` content parts here.`, `${path}[${i}].type`, 'unsupported_content');
    }
  }
  return parts;
}

function functionResponse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* plain text */
  }
  return { content: text };
}

/**
 * A model turn's text and functionCall parts in the order the turn gave them (`content_order`,
 * from a dialect that keeps it), Gemini's parts being ordered; without it, the text, then the calls.
 * Each functionCall part keeps its own thoughtSignature wherever it stands.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
function orderedParts(text: string, calls: ReadonlyArray<[string, GeminiPart]>, order: AssistantExtensions['content_order']): GeminiPart[] {
  if (!order) return [...(text ? [{ text }] : []), ...calls.map(([, part]) => part)];
  const unplaced = new Map(calls);
  const parts: GeminiPart[] = [];
  for (const piece of order) {
    if (piece.type === 'text') {
      if (piece.text) parts.push({ text: piece.text });
      continue;
    }
    const part = unplaced.get(piece.id);
    if (part) parts.push(part);
    unplaced.delete(piece.id);
  }
  return [...parts, ...unplaced.values()];
}

export async function convertToGeminiContents(messages: readonly ChatMessage[], ctx: Context): Promise<ConvertedContents> {
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const callNames = new Map<string, string>();
  const push = (role: 'user' | 'model', parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts = [...(last.parts ?? []), ...parts];
    else contents.push({ role, parts });
  };

  for (const [i, message] of messages.entries()) {
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = systemText(message.content);
        if (text) system.push({ text });
        break;
      }
      case 'user':
        push('user', await userParts(message.content, `messages[${i}].content`, ctx));
        break;
      case 'assistant': {
        const calls = (message.tool_calls ?? []).map((call, j): [string, GeminiPart] => {
          callNames.set(call.id, call.function.name);
          const part: GeminiPart = {
            functionCall: {
              name: call.function.name,
              args: parseToolArguments(call.function.arguments, `messages[${i}].tool_calls[${j}].function.arguments`),
            },
          };
          // Only the first call of a turn carries the signature (parallel calls share it).
          const signature = signatureOf(call) ?? (j === 0 && ctx.signaturesRequired ? SKIP_SIGNATURE_VALIDATION : undefined);
          if (signature) part.thoughtSignature = signature;
          return [call.id, part];
        });
        const parts = orderedParts(textOf(message.content), calls, (message as AssistantExtensions).content_order);
        if (message.function_call) {
          const { name = '', arguments: args = '' } = message.function_call;
          parts.push({ functionCall: { name, args: parseToolArguments(args, `messages[${i}].function_call.arguments`) } });
        }
        push('model', parts);
        break;
      }
      case 'tool': {
        const name = callNames.get(message.tool_call_id);
        if (!name) {
          throw badRequest(
            `No earlier assistant tool call has the id \`${message.tool_call_id}\`; Gemini needs the function name of every tool result.`,
            `messages[${i}].tool_call_id`,
            'unknown_tool_call',
          );
        }
        push('user', [{ functionResponse: { name, response: functionResponse(textOf(message.content)) } }]);
        break;
      }
      case 'function':
        push('user', [{ functionResponse: { name: message.name, response: functionResponse(message.content ?? '') } }]);
        break;
    }
  }
  return { systemInstruction: system.length ? { parts: system } : undefined, contents };
}
