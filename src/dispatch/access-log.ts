/**
 * One JSON line per request on the console (Workers Logs index console output): who asked for
 * what, who served it, how it went. Never a body, never a key: the route is the logged path
 * (`/ollama/{API_KEY}/...`), client strings are capped, and the line is scrubbed of secrets.
 * `LOG_LEVEL=error` keeps only failed requests, `off` none. An entry may install a writer of its
 * own for the lines (the Node entry writes them to stdout in batches).
 */
import type { LogLevel } from '../core/gateway-settings';
import type { RequestRecord } from '../core/request-context';
import type { Secrets } from '../core/secrets';

const MAX_ECHO = 200;

export interface RequestTiming {
  readonly method: string;
  readonly status: number;
  readonly startedAt: number;
  /** when the response (its headers, or a stream's first chunk) was handed to the runtime */
  readonly firstByteAt: number;
}

const cap = (value: string | undefined): string | undefined =>
  value === undefined || value.length <= MAX_ECHO ? value : `${value.slice(0, MAX_ECHO)}…`;

/** The gateway's failures: 5xx, or a 200 stream that ended in an error (a client's 4xx is the client's). */
const failed = (record: RequestRecord, status: number): boolean => status >= 500 || (status < 400 && record.errorCode !== undefined);

let second = Number.NaN;
let secondPrefix = '';

/**
 * `new Date(ms).toISOString()`, from the text of its second, made once per second: the Date and
 * its string were about half the cost of a line, and under load many requests start in one second.
 */
function isoTime(ms: number): string {
  const start = Math.floor(ms / 1000);
  if (start !== second) {
    second = start;
    secondPrefix = new Date(start * 1000).toISOString().slice(0, -4);
  }
  return `${secondPrefix}${String(ms - start * 1000).padStart(3, '0')}Z`;
}

export function accessLogLine(record: RequestRecord, timing: RequestTiming, now = Date.now()): string {
  return JSON.stringify({
    time: isoTime(timing.startedAt),
    dialect: record.dialect,
    method: timing.method,
    route: record.route,
    model: cap(record.modelAsked),
    provider: record.provider,
    served_model: cap(record.modelServed),
    attempts: record.attempts,
    status: timing.status,
    duration_ms: now - timing.startedAt,
    ttfb_ms: timing.firstByteAt - timing.startedAt,
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    error: record.errorCode,
  });
}

let writeLine: (line: string) => void = (line) => console.log(line);

/** For a runtime entry, once at start-up: every access log line from then on goes to `write`. */
export function installAccessLogWriter(write: (line: string) => void): void {
  writeLine = write;
}

/** Writes the line now, or when the streamed answer ends. */
export function writeAccessLog(level: LogLevel, secrets: Secrets, record: RequestRecord, timing: RequestTiming): void {
  if (level === 'off') return;
  const write = () => {
    if (level === 'error' && !failed(record, timing.status)) return;
    writeLine(secrets.redact(accessLogLine(record, timing)));
  };
  if (record.streamEnd) void record.streamEnd.then(write);
  else write();
}
