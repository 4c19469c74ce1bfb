/**
 * Reads a passed-through Messages answer as it goes by, for dispatch: a Message's `usage`, or in a
 * stream the usage of `message_start` and `message_delta`, whether the answer has begun (any event
 * but `message_start`, `ping` and `error`), and an `event: error`, as the error its HTTP status
 * would have been (an `overloaded_error` before the answer is a 529 that dispatch retries). Only
 * those events are parsed; the bytes themselves are never changed.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ProxyError } from '../../core/errors';
import type { PassedThroughWatcher, PassThroughCall } from '../../core/provider';
import { JsonFieldScanner } from '../../core/scan-json-field';
import type { Usage } from '../../core/types';
import { upstreamHttpError } from '../../core/upstream-error';
import type { UpstreamHeaders, UpstreamResponse } from '../../core/upstream-transport';
import { anthropicErrorStatus } from './anthropic-error-status';
import { addAnthropicUsage, mapAnthropicUsage, type UsageNumbers } from './map-anthropic-usage';
import type { ErrorType } from './types';

const NO_HEADERS: UpstreamHeaders = { get: () => null };

/** Events that come before the answer or say nothing of it. */
const BEFORE_ANSWER = new Set(['message_start', 'ping', 'error']);

class MessageWatcher implements PassedThroughWatcher {
  readonly answering = true;
  readonly error = undefined;
  private readonly scanner = new JsonFieldScanner('usage');

  read(chunk: Uint8Array): void {
    this.scanner.read(chunk);
  }

  usage(): Usage | undefined {
    const usage = this.scanner.value();
    if (typeof usage !== 'object' || usage === null) return undefined;
    const numbers: UsageNumbers = {};
    addAnthropicUsage(numbers, usage);
    return mapAnthropicUsage(numbers);
  }
}

class EventWatcher implements PassedThroughWatcher {
  answering = false;
  error: ProxyError | undefined;
  private readonly numbers: UsageNumbers = {};
  private counted = false;
  private readonly decoder = new TextDecoder();
  private readonly parser = createParser({ onEvent: (event) => this.onEvent(event) });

  /** What reading the events needs of the call, not the call: that carries the client's whole request, which an open stream must not keep. */
  private readonly call: Pick<PassThroughCall, 'provider' | 'secrets'>;

  constructor({ provider, secrets }: PassThroughCall) {
    this.call = { provider, secrets };
  }

  read(chunk: Uint8Array): void {
    this.parser.feed(this.decoder.decode(chunk, { stream: true }));
  }

  usage(): Usage | undefined {
    return this.counted ? mapAnthropicUsage(this.numbers) : undefined;
  }

  private onEvent({ event, data }: EventSourceMessage): void {
    // Anthropic names every event; an upstream that does not still says its type in the data.
    const type = event ?? (parse(data) as { type?: string } | undefined)?.type;
    if (type === 'message_start') this.count((parse(data) as { message?: { usage?: unknown } } | undefined)?.message?.usage);
    else if (type === 'message_delta') this.count((parse(data) as { usage?: unknown } | undefined)?.usage);
    else if (type === 'error') this.fail(parse(data) as { error?: { type?: unknown; message?: unknown } } | undefined);
    if (type === undefined || !BEFORE_ANSWER.has(type)) this.answering = true;
  }

  private count(usage: unknown): void {
    addAnthropicUsage(this.numbers, usage);
    this.counted ||= typeof usage === 'object' && usage !== null;
  }

  private fail(body: { error?: { type?: unknown; message?: unknown } } | undefined): void {
    const type = typeof body?.error?.type === 'string' ? body.error.type : 'api_error';
    const message = typeof body?.error?.message === 'string' ? body.error.message : undefined;
    const { provider, secrets } = this.call;
    // An error type Anthropic has not documented is its "unexpected error", api_error (500).
    // The raw string is checked against the spec's types inside anthropicErrorStatus.
    this.error ??= upstreamHttpError(
      provider,
      anthropicErrorStatus(type as ErrorType) ?? 500,
      { message, code: type },
      NO_HEADERS,
      secrets,
    );
  }
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

export function watchPassedThrough(response: UpstreamResponse, call: PassThroughCall): PassedThroughWatcher {
  const streamed = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
  return streamed ? new EventWatcher(call) : new MessageWatcher();
}
