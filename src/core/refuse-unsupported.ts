import { badRequest } from './errors';
import type { FieldDecision } from './field-decisions';
import type { ChatCall } from './provider';

/** OpenAI's defaults: an `unsupported` field set to its default is harmless and goes through. */
const DEFAULTS: Record<string, unknown> = { n: 1, logprobs: false, parallel_tool_calls: true, stream: false, store: false };

/** A 400 naming the first field the provider's decisions mark unsupported that has a non-default value. */
export function refuseUnsupported(call: ChatCall): void {
  const source = call.request as unknown as Record<string, unknown>;
  const fields = call.provider.fields as unknown as Record<string, FieldDecision | undefined>;
  for (const key in source) {
    const decision = fields[key];
    const value = source[key];
    if (decision?.kind !== 'unsupported' || value == null || value === DEFAULTS[key]) continue;
    throw badRequest(`\`${key}\` is not supported by ${call.provider.def.name}: ${decision.why}`, key, 'unsupported_parameter');
  }
}
