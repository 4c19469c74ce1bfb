import * as v from 'valibot';
import type { Discriminator } from '../../generated/openai/discriminators';
import { badRequest } from './errors';

type Issue = v.BaseIssue<unknown>;
type Key = string | number;

interface Explained {
  path: Key[];
  message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const keysOf = (issue: Issue): Key[] => (issue.path ?? []).map((item) => item.key as Key);

/**
 * The issue that tells the user what to fix. A variant (the generated form of most
 * discriminated unions) checks the branch its discriminator names, so its issues are that
 * branch's, or one naming the discriminator's allowed values. Valibot reports a failed union as
 * one issue whose sub-issues (paths relative to the union's input) cover every branch. Where the
 * input names a discriminated branch (`role`, `type`: a Responses input item is an easy message
 * or an Item), that branch alone is re-checked; for other unions the deepest sub-issue belongs to
 * the shape the input was meant to have.
 */
function explain(issue: Issue, prefix: Key[], discriminators: readonly Discriminator[]): Explained {
  const path = [...prefix, ...keysOf(issue)];
  if (issue.type === 'variant' && issue.path?.length) {
    if (issue.input === undefined) return { path, message: 'missing required field' };
    const allowed = [...(issue.expected ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]).join(', ');
    return { path, message: `\`${String(issue.input)}\` is not one of ${allowed}` };
  }
  if (issue.type === 'union') {
    const input = issue.input;
    if (isObject(input)) {
      const tables = discriminators.filter((d) => typeof input[d.property] === 'string');
      const property = tables[0]?.property;
      if (property) {
        const value = input[property] as string;
        const branch = tables.find((d) => d.mapping[value])?.mapping[value];
        if (!branch) {
          const allowed = [...new Set(tables.flatMap((d) => Object.keys(d.mapping)))].join(', ');
          return { path: [...path, property], message: `\`${value}\` is not one of ${allowed}` };
        }
        const result = v.safeParse(branch, input);
        if (result.issues) return explain(result.issues[0] as Issue, path, discriminators);
      }
    }
    const deepest = (issue.issues ?? []).reduce<Issue | undefined>(
      (best, sub) => (!best || keysOf(sub).length > keysOf(best).length ? sub : best),
      undefined,
    );
    if (deepest && keysOf(deepest).length > 0) return explain(deepest, path, discriminators);
  }
  const missing = issue.kind === 'schema' && issue.received === 'undefined';
  return { path, message: missing ? 'missing required field' : issue.message };
}

function render(path: Key[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' || /^\d+$/.test(key) ? `[${key}]` : out ? `.${key}` : key;
  return out;
}

/**
 * A valid body passes the same checks with or without `abortEarly`, and without it every failed
 * branch of a union (each message tried as a developer, system, user message...) collects all
 * its issues: a fifth of the time for a one-message body, twice that for a conversation.
 */
const FIRST_ISSUE_ONLY = { abortEarly: true } as const;

/** Validates an inbound body against a generated schema; a 400 names the field that failed. */
export function validateBody<T>(schema: v.GenericSchema, body: unknown, discriminators: readonly Discriminator[] = []): T {
  if (!isObject(body)) throw badRequest('The request body must be a JSON object.', null, 'invalid_body');
  if (v.safeParse(schema, body, FIRST_ISSUE_ONLY).success) return body as T;
  // The explanation reads a failed union's sub-issues for every branch, so a refusal is checked again in full.
  const result = v.safeParse(schema, body);
  if (result.success) return body as T;
  const { path, message } = explain(result.issues[0] as Issue, [], discriminators);
  const param = render(path);
  throw badRequest(param ? `Invalid request: \`${param}\`: ${message}` : `Invalid request: ${message}`, param || null, 'invalid_value');
}
