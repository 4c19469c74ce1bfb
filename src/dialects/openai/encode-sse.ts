/**
 * Canonical chunks -> OpenAI SSE: a `data:` event per chunk, the events of one batch (one
 * upstream read) as one write; ends with `[DONE]`, or with one `data: {"error":...}` event when
 * the upstream fails mid-stream.
 */
import { chunkJson } from '../../core/chunk-json';
import { encodeChunkStream, type StreamEncoder } from '../../core/encode-chunk-stream';
import type { BodyFlow, Flow } from '../../core/flow';
import type { ChatChunk } from '../../core/types';
import { openaiErrorBody } from './error-response';

export const openaiSseEncoder: StreamEncoder = {
  batch(chunks) {
    let text = '';
    for (const chunk of chunks) text += `data: ${chunkJson(chunk)}\n\n`;
    return text;
  },
  end: () => 'data: [DONE]\n\n',
  fail: (error) => `data: ${JSON.stringify(openaiErrorBody(error))}\n\n`,
};

export const encodeOpenAISse = (batches: Flow<ChatChunk[]>, onError?: (error: unknown) => void): BodyFlow =>
  encodeChunkStream(batches, openaiSseEncoder, onError);
