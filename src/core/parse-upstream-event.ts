import type { ConfiguredProvider } from './provider';
import type { ReplyCheck } from './read-upstream-json';
import { upstreamInvalidResponse } from './upstream-error';

/** One stream event's data as JSON, checked for the fields the translator reads; else a 502 naming the provider. */
export function parseUpstreamEvent<T>(provider: ConfiguredProvider, data: string, check: ReplyCheck): T {
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    throw upstreamInvalidResponse(provider, 'an event is not JSON');
  }
  const problem = check(event);
  if (problem) throw upstreamInvalidResponse(provider, problem);
  return event as T;
}
