/**
 * How deep a request body may nest. Free-form fields (tool parameters, JSON schemas, Ollama's
 * `format`) are walked recursively by validation and by the converters; far deeper than any real
 * schema, a body would overflow the stack instead of getting an answer.
 */
import { badRequest } from './errors';

export const MAX_JSON_DEPTH = 64;

/**
 * Throws a 400 naming the field where the body first nests deeper than MAX_JSON_DEPTH. Iterative,
 * so it cannot overflow itself. An agent's turn is hundreds of kB on every request, so the walk
 * keeps only values and depths; the path is made by a second walk, for a body that is refused.
 */
export function refuseDeepNesting(body: unknown): void {
  const values: unknown[] = [body];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop() as object;
    const depth = depths.pop()!;
    if (depth >= MAX_JSON_DEPTH) return refuseAt(body);
    if (Array.isArray(value)) {
      for (const child of value) {
        if (typeof child !== 'object' || child === null) continue;
        values.push(child);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      if (typeof child !== 'object' || child === null) continue;
      values.push(child);
      depths.push(depth + 1);
    }
  }
}

/** The refusal, naming the first field found too deep: each value is walked with its path. */
function refuseAt(body: unknown): never {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: body, path: [] }];
  for (;;) {
    const { value, path } = stack.pop()!;
    if (path.length >= MAX_JSON_DEPTH) {
      // The first few keys name the field; the rest is the same nesting over and over.
      const field = render(path.slice(0, 4));
      throw badRequest(
        `Invalid request: \`${field}\` nests deeper than ${MAX_JSON_DEPTH} levels, which the proxy does not accept.`,
        field,
        'too_deeply_nested',
      );
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value as object);
    for (const [key, child] of entries) if (typeof child === 'object' && child !== null) stack.push({ value: child, path: [...path, key] });
  }
}

function render(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
  return out;
}
