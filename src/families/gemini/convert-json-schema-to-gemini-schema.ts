/**
 * JSON Schema -> Gemini's OpenAPI-style `Schema`, for models that take nothing else. Faithful
 * where the subset can say it: `$ref` inlined from `$defs`, `const` as a one-value enum, type
 * unions with null as `nullable`, other unions as `anyOf`, `allOf` merged. What the subset cannot
 * say (additionalProperties, patterns, most formats) is left out, which only loosens the schema.
 */
import type { GeminiSchema } from './types';

type Json = Record<string, unknown>;
const TYPES: Record<string, NonNullable<GeminiSchema['type']>> = {
  string: 'STRING',
  number: 'NUMBER',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  object: 'OBJECT',
  null: 'NULL',
};
const STRING_FORMATS = new Set(['enum', 'date-time']);
const MAX_DEPTH = 32;

function resolveRef(ref: string, root: Json): Json {
  const path = ref.replace(/^#\//, '').split('/');
  let node: unknown = root;
  for (const part of path) node = (node as Json | undefined)?.[part];
  return (node as Json | undefined) ?? {};
}

function convert(schema: unknown, root: Json, depth: number): GeminiSchema {
  if (!schema || typeof schema !== 'object' || depth > MAX_DEPTH) return {};
  let node = schema as Json;
  if (typeof node.$ref === 'string')
    node = { ...resolveRef(node.$ref, root), ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) };
  if (Array.isArray(node.allOf)) {
    node = (node.allOf as Json[]).reduce<Json>(
      (merged, part) => {
        const p = typeof part.$ref === 'string' ? resolveRef(part.$ref, root) : part;
        return {
          ...merged,
          ...p,
          properties: { ...(merged.properties as Json), ...(p.properties as Json) },
          required: [...((merged.required as string[]) ?? []), ...((p.required as string[]) ?? [])],
        };
      },
      Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'allOf')),
    );
  }
  const out: GeminiSchema = {};
  const types = (Array.isArray(node.type) ? node.type : node.type ? [node.type] : []) as string[];
  const nonNull = types.filter((t) => t !== 'null');
  if (types.includes('null')) out.nullable = true;
  if (nonNull.length === 1) out.type = TYPES[nonNull[0]!];
  else if (nonNull.length > 1) out.anyOf = nonNull.map((t) => ({ type: TYPES[t] }));
  if (typeof node.description === 'string') out.description = node.description;
  if (typeof node.title === 'string') out.title = node.title;
  if (node.const !== undefined) out.enum = [String(node.const)];
  if (Array.isArray(node.enum)) {
    out.enum = node.enum.filter((v) => v !== null).map(String);
    if (node.enum.includes(null)) out.nullable = true;
  }
  if (out.enum && !out.type) out.type = 'STRING';
  if (typeof node.format === 'string' && (out.type !== 'STRING' || STRING_FORMATS.has(node.format))) out.format = node.format;
  if (typeof node.minimum === 'number') out.minimum = node.minimum;
  if (typeof node.maximum === 'number') out.maximum = node.maximum;
  if (node.items) out.items = convert(node.items, root, depth + 1);
  if (node.properties && typeof node.properties === 'object') {
    out.properties = Object.fromEntries(Object.entries(node.properties as Json).map(([k, v]) => [k, convert(v, root, depth + 1)]));
    if (!out.type) out.type = 'OBJECT';
  }
  if (Array.isArray(node.required) && node.required.length) out.required = [...new Set(node.required as string[])];
  const union = (node.anyOf ?? node.oneOf) as unknown[] | undefined;
  if (Array.isArray(union)) {
    const branches = union.filter((b) => !(b && typeof b === 'object' && (b as Json).type === 'null'));
    if (branches.length < union.length) out.nullable = true;
    if (branches.length === 1) Object.assign(out, convert(branches[0], root, depth + 1), out.nullable ? { nullable: true } : {});
    else out.anyOf = branches.map((b) => convert(b, root, depth + 1));
  }
  return out;
}

export function convertJsonSchemaToGeminiSchema(schema: unknown): GeminiSchema {
  return convert(schema, (schema ?? {}) as Json, 0);
}
