import * as v from 'valibot';
import { badRequest } from './errors';

type Issue = v.BaseIssue<unknown>;

function pathOf(issue: Issue): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * The issue that tells the user what to fix. Unions (message roles, content parts) report every
 * branch; the deepest issue belongs to the branch the input was meant for.
 */
function mostSpecific(issue: Issue): Issue {
  let best = issue;
  for (const inner of issue.issues ?? []) {
    const candidate = mostSpecific(inner);
    if ((candidate.path?.length ?? 0) > (best.path?.length ?? 0)) best = candidate;
  }
  return best;
}

/** Validates an inbound body against a generated schema; a 400 names the field that failed. */
export function validateBody<T>(schema: v.GenericSchema<unknown, unknown>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.', null, 'invalid_body');
  }
  const result = v.safeParse(schema, body);
  if (result.success) return body as T;
  const issue = mostSpecific(result.issues[0] as Issue);
  const path = pathOf(issue);
  const message = issue.received === 'undefined' ? `missing required field` : issue.message;
  throw badRequest(path ? `Invalid request: \`${path}\`: ${message}` : `Invalid request: ${message}`, path || null, 'invalid_value');
}
