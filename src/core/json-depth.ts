/**
 * How deep a request body may nest. Free-form fields (tool parameters, JSON schemas, Ollama's
 * `format`) are walked recursively by validation and by the converters; far deeper than any real
 * schema, a body would overflow the stack instead of getting an answer.
 */
import { badRequest } from './errors';

export const MAX_JSON_DEPTH = 64;

/** Throws a 400 naming the field where the body first nests deeper than MAX_JSON_DEPTH. Iterative, so it cannot overflow itself. */
export function refuseDeepNesting(body: unknown): void {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: body, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_JSON_DEPTH) {
      // The first few keys name the field; the rest is the same nesting over and over.
      const field = render(path.slice(0, 4));
      throw badRequest(
        `Invalid request: \`${field}\` nests deeper than ${MAX_JSON_DEPTH} levels, which the proxy does not accept.`,
        field,
        'too_deeply_nested',
      );
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) if (typeof child === 'object' && child !== null) stack.push({ value: child, path: [...path, key] });
  }
}

function render(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
  return out;
}
