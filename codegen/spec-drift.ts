/**
 * Drift between one of our spec subsets and a vendor's published document: operations and schema
 * fields that upstream added, that we have and upstream no longer does, and enum changes. Our
 * schemas carry the upstream names (or `x-upstream-schema`); fields marked `x-proxy` are ours.
 */
type Json = Record<string, unknown>;

export interface Drift {
  kind:
    | 'operation-missing-upstream'
    | 'schema-missing-upstream'
    | 'field-added-upstream'
    | 'field-missing-upstream'
    | 'enum-changed'
    | 'type-changed'
    | 'version-changed';
  where: string;
  detail: string;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolve(doc: Json, node: unknown, seen = new Set<string>()): Json {
  if (!isObject(node)) return {};
  const ref = node.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    if (seen.has(ref)) return {};
    seen.add(ref);
    let target: unknown = doc;
    for (const part of ref.slice(2).split('/'))
      target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    return resolve(doc, target, seen);
  }
  return node;
}

/** Properties of an object schema, following $ref and allOf. */
function properties(doc: Json, schema: unknown, seen = new Set<string>()): Map<string, Json> {
  const out = new Map<string, Json>();
  const node = resolve(doc, schema, seen);
  for (const part of (node.allOf as unknown[] | undefined) ?? []) for (const [k, v] of properties(doc, part, seen)) out.set(k, v);
  // An inline object inside anyOf/oneOf is the nullable-object idiom; unions of named schemas
  // are compared schema by schema instead.
  for (const key of ['anyOf', 'oneOf']) {
    for (const part of (node[key] as unknown[] | undefined) ?? []) {
      if (isObject(part) && part.$ref === undefined) for (const [k, v] of properties(doc, part, seen)) out.set(k, v);
    }
  }
  for (const [k, v] of Object.entries((node.properties as Json | undefined) ?? {})) out.set(k, v as Json);
  return out;
}

/** Type names and enum values a property allows, following $ref, oneOf and anyOf one level. */
function shape(doc: Json, prop: Json): { types: Set<string>; enums: Set<string> } {
  const types = new Set<string>();
  const enums = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    const n = resolve(doc, node);
    const t = n.type;
    if (typeof t === 'string') types.add(t);
    if (Array.isArray(t)) for (const x of t) types.add(String(x));
    if (n.nullable === true) types.add('null');
    for (const e of (n.enum as unknown[] | undefined) ?? []) if (e !== null) enums.add(String(e));
    if (n.const !== undefined) enums.add(String(n.const));
    if (depth < 3) for (const key of ['oneOf', 'anyOf']) for (const alt of (n[key] as unknown[] | undefined) ?? []) visit(alt, depth + 1);
  };
  visit(prop, 0);
  return { types, enums };
}

const diff = (a: Set<string>, b: Set<string>): string[] => [...a].filter((x) => !b.has(x)).sort();

function operations(doc: Json): Set<string> {
  const out = new Set<string>();
  for (const [path, item] of Object.entries((doc.paths as Json | undefined) ?? {})) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch', 'head'])
      if (isObject(item) && item[method]) out.add(`${method.toUpperCase()} ${path}`);
  }
  return out;
}

export function specDrift(ours: Json, upstream: Json): Drift[] {
  const drifts: Drift[] = [];
  const theirOps = operations(upstream);
  for (const op of operations(ours)) {
    if (!theirOps.has(op)) drifts.push({ kind: 'operation-missing-upstream', where: op, detail: 'not in the upstream document' });
  }
  const ourSchemas = ((ours.components as Json | undefined)?.schemas as Json | undefined) ?? {};
  const theirSchemas = ((upstream.components as Json | undefined)?.schemas as Json | undefined) ?? {};
  for (const [name, schema] of Object.entries(ourSchemas)) {
    // A schema of our own (a shared shape the vendor writes inline) has no counterpart to compare.
    if (isObject(schema) && schema['x-proxy'] !== undefined) continue;
    const upstreamName = (
      isObject(schema) && typeof schema['x-upstream-schema'] === 'string' ? schema['x-upstream-schema'] : name
    ) as string;
    const theirs = theirSchemas[upstreamName];
    if (!theirs) {
      drifts.push({ kind: 'schema-missing-upstream', where: name, detail: `no schema named ${upstreamName} upstream` });
      continue;
    }
    const mine = properties(ours, schema);
    const other = properties(upstream, theirs);
    if (mine.size === 0 && other.size === 0) continue;
    for (const field of other.keys()) {
      if (!mine.has(field))
        drifts.push({ kind: 'field-added-upstream', where: `${name}.${field}`, detail: 'upstream has it, our subset does not' });
    }
    for (const [field, prop] of mine) {
      if (prop['x-proxy'] !== undefined) continue;
      const theirsProp = other.get(field);
      if (!theirsProp) {
        drifts.push({ kind: 'field-missing-upstream', where: `${name}.${field}`, detail: 'ours has it, upstream does not' });
        continue;
      }
      const a = shape(ours, prop);
      const b = shape(upstream, theirsProp);
      const added = diff(b.enums, a.enums);
      const removed = diff(a.enums, b.enums);
      if (a.enums.size > 0 && b.enums.size > 0 && (added.length || removed.length)) {
        drifts.push({
          kind: 'enum-changed',
          where: `${name}.${field}`,
          detail: [added.length ? `upstream adds ${added.join(', ')}` : '', removed.length ? `upstream lacks ${removed.join(', ')}` : '']
            .filter(Boolean)
            .join('; '),
        });
      }
      const typesOnlyOurs = diff(a.types, b.types).filter((t) => t !== 'null');
      if (a.types.size > 0 && b.types.size > 0 && typesOnlyOurs.length) {
        drifts.push({
          kind: 'type-changed',
          where: `${name}.${field}`,
          detail: `ours allows ${typesOnlyOurs.join(', ')}, upstream does not`,
        });
      }
    }
  }
  return drifts;
}
