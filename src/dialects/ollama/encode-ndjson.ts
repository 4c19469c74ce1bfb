/**
 * Canonical chunks -> Ollama NDJSON: a line per chunk with text or thinking, the lines of one
 * batch (one upstream read) as one write. Ends with the `done: true` line whatever the finish
 * reason (tool calls, kept until then, on the line before), or with one `{"error":"..."}` line
 * when the upstream fails mid-stream.
 */
import { encodeChunkStream, type StreamEncoder } from '../../core/encode-chunk-stream';
import type { ProxyError } from '../../core/errors';
import type { BodyFlow, Flow } from '../../core/flow';
import type { ChatChunk } from '../../core/types';
import { ollamaErrorBody } from './error-response';
import type { LineShape } from './ollama-lines';
import { OllamaReplyStream } from './ollama-reply';

export const NDJSON_HEADERS = { 'content-type': 'application/x-ndjson' } as const;

const line = (value: unknown): string => `${JSON.stringify(value)}\n`;

class OllamaNdjsonEncoder implements StreamEncoder {
  private readonly reply: OllamaReplyStream;
  private readonly modelJson: string;

  constructor(
    private readonly model: string,
    private readonly shape: LineShape,
    startedAt: number,
  ) {
    this.reply = new OllamaReplyStream(startedAt);
    this.modelJson = JSON.stringify(model);
  }

  batch(chunks: readonly ChatChunk[]): string {
    let text = '';
    for (const chunk of chunks) {
      const piece = this.reply.push(chunk);
      if (!piece) continue;
      // Text alone (nearly every line): written without a line object.
      text +=
        piece.thinking || piece.toolCalls?.length
          ? line(this.shape(this.model, piece))
          : this.shape.textLine(this.modelJson, piece.content);
    }
    return text;
  }

  end(): string {
    const { calls, done } = this.reply.end();
    return (calls ? line(this.shape(this.model, calls)) : '') + line(this.shape(this.model, { content: '' }, done));
  }

  fail(error: ProxyError): string {
    return line(ollamaErrorBody(error));
  }
}

export const encodeOllamaNdjson = (
  batches: Flow<ChatChunk[]>,
  model: string,
  shape: LineShape,
  startedAt: number,
  onError?: (error: unknown) => void,
): BodyFlow => encodeChunkStream(batches, new OllamaNdjsonEncoder(model, shape, startedAt), onError);
