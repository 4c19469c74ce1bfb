/**
 * Reading the Ollama dialect's answers in tests: NDJSON lines parsed and each checked against
 * specs/ollama.yaml, and a whole reply (streamed or not) folded into what a client would keep.
 */
import * as v from 'valibot';
import { expect } from 'vitest';
import { vChatResponse, vErrorResponse, vGenerateResponse } from '../../generated/ollama/valibot.gen';
import type { OllamaChatResponse, OllamaGenerateResponse } from '../../src/dialects/ollama/ollama-types';

export type OllamaLine = OllamaChatResponse | OllamaGenerateResponse | { error: string };

/** Every line of an NDJSON body, parsed; each must be valid against the endpoint's schema or be the error line. */
export async function readNdjson(response: Response, endpoint: 'chat' | 'generate' = 'chat'): Promise<OllamaLine[]> {
  expect(response.headers.get('content-type')).toBe('application/x-ndjson');
  const text = await response.text();
  expect(text.endsWith('\n')).toBe(true);
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OllamaLine);
  const schema = endpoint === 'chat' ? vChatResponse : vGenerateResponse;
  lines.forEach((line, i) => {
    const isError = 'error' in line;
    expect(v.safeParse(isError ? vErrorResponse : schema, line).issues).toBeUndefined();
    // Only the last line may be the error or the `done` line.
    if (i < lines.length - 1) expect(!isError && line.done).toBe(false);
  });
  return lines;
}

export interface FoldedReply {
  content: string;
  thinking: string;
  toolCalls: Array<{ name: string; arguments: unknown }>;
  /** the `done: true` line, when the reply ended normally */
  done?: OllamaChatResponse | OllamaGenerateResponse;
  /** the error line, when the reply broke off */
  error?: string;
}

/** What a client keeps of a chat or generate reply: lines of a stream, or the one object. */
export function foldReply(lines: readonly OllamaLine[]): FoldedReply {
  const out: FoldedReply = { content: '', thinking: '', toolCalls: [] };
  for (const line of lines) {
    if ('error' in line) {
      out.error = line.error;
      continue;
    }
    if ('message' in line) {
      out.content += line.message.content;
      out.thinking += line.message.thinking ?? '';
      for (const call of line.message.tool_calls ?? [])
        out.toolCalls.push({ name: call.function.name, arguments: call.function.arguments });
    } else {
      out.content += line.response;
      out.thinking += line.thinking ?? '';
    }
    if (line.done) out.done = line;
  }
  return out;
}

/** The counters every `done` line carries: nanosecond durations and token counts, all integers. */
export function expectDoneCounters(done: OllamaChatResponse | OllamaGenerateResponse): void {
  for (const field of [
    'total_duration',
    'load_duration',
    'prompt_eval_count',
    'prompt_eval_duration',
    'eval_count',
    'eval_duration',
  ] as const) {
    expect(Number.isInteger(done[field]), field).toBe(true);
    expect(done[field]!).toBeGreaterThanOrEqual(0);
  }
  expect(done.total_duration).toBe(done.prompt_eval_duration! + done.eval_duration! + done.load_duration!);
}
