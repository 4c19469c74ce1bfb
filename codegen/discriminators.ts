/**
 * Discriminated unions of a spec (`oneOf` + `discriminator`): tables from the discriminator value
 * to the generated validator of that branch, and the generated unions rewritten as valibot
 * variants, which read the discriminator and check the one branch it names.
 */

interface SchemaObject {
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  properties?: Record<string, SchemaObject>;
}

const validatorName = (ref: string): string => `v${ref.slice(ref.lastIndexOf('/') + 1)}`;

export interface Table {
  readonly schema: string;
  readonly property: string;
  readonly mapping: Record<string, string>;
}

/** The spec's discriminated unions, read once for both the variants and the tables. */
export function discriminatedUnions(spec: { components?: { schemas?: Record<string, SchemaObject> } }): Table[] {
  const tables: Table[] = [];
  for (const [schema, body] of Object.entries(spec.components?.schemas ?? {})) {
    const d = body.discriminator;
    if (d?.mapping) tables.push({ schema, property: d.propertyName, mapping: d.mapping });
  }
  return tables;
}

/** Where the bracket opened at `open` closes (quoted text skipped). */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    const char = text[at];
    if (char === "'") at = text.indexOf("'", at + 1);
    else if (char === '(' || char === '[' || char === '{') depth += 1;
    else if ((char === ')' || char === ']' || char === '}') && --depth === 0) return at;
  }
  throw new Error(`unbalanced brackets from ${open}`);
}

/** `export const <name> = <call>(...)`: where the call starts and where its closing parenthesis is. */
function definitionOf(validators: string, name: string): { start: number; call: string; end: number } | undefined {
  const head = new RegExp(`^export const ${name} = (v\\.\\w+)\\(`, 'm').exec(validators);
  if (!head) return undefined;
  const open = head.index + head[0].length - 1;
  return { start: head.index, call: head[1]!, end: closing(validators, open) };
}

/**
 * An object validator's own `property` entry, where it is a literal or a picklist of them (optional or
 * nullish or not): the values it takes, whether it may be left out, and the validator's kind.
 */
function entryOf(validators: string, name: string, property: string): { values: Set<string>; optional: boolean; call: string } | undefined {
  const found = definitionOf(validators, name);
  if (!found || !/^v\.(object|looseObject|strictObject|objectWithRest)$/.test(found.call)) return undefined;
  const text = validators.slice(found.start, found.end);
  const entry = new RegExp(
    `\\n {4}${property}: (v\\.(?:optional|nullish)\\()?v\\.(?:picklist\\(\\[([^\\]]*)\\]\\)|literal\\(('[^']*')\\))`,
  ).exec(text);
  const list = entry?.[2] ?? entry?.[3];
  if (list === undefined) return undefined;
  return {
    values: new Set(list.split(',').map((item) => item.trim().replace(/^'|'$/g, ''))),
    optional: entry![1] !== undefined,
    call: found.call,
  };
}

/**
 * The variant's option for branch `name` of the values `mapped` to it: the branch itself where
 * its discriminator takes exactly those, else the branch's entries with the discriminator
 * narrowed to them (what the intersection accepted); undefined where the branch is not an object
 * or its discriminator refuses a value mapped to it.
 */
function optionOf(validators: string, name: string, property: string, mapped: Set<string>): string | undefined {
  const entry = entryOf(validators, name, property);
  if (!entry || [...mapped].some((value) => !entry.values.has(value))) return undefined;
  if (!entry.optional && entry.values.size === mapped.size) return name;
  const narrowed = `${property}: v.picklist([${[...mapped].map((value) => `'${value}'`).join(', ')}])`;
  return entry.call === 'v.objectWithRest'
    ? `v.objectWithRest({ ...${name}.entries, ${narrowed} }, ${name}.rest)`
    : `${entry.call}({ ...${name}.entries, ${narrowed} })`;
}

/**
 * hey-api writes a discriminated union as a union of intersections, each of an object holding the
 * discriminator's literal and the branch's validator: valibot then tries every branch in turn
 * and merges two outputs for the one that fits (a Claude Code request's content blocks took three
 * times as long to check as to parse). Where every branch is an object validator whose
 * discriminator takes the values mapped to it, the union is the variant of those branches (see
 * `optionOf`), which accepts the same inputs; any other union is left as it is.
 * @see https://valibot.dev/api/variant/
 */
export function asVariants(validators: string, tables: readonly Table[]): string {
  let out = validators;
  for (const { schema, property } of tables) {
    const found = definitionOf(out, `v${schema}`);
    if (found?.call !== 'v.union') continue;
    const options = out.slice(out.indexOf('(', found.start) + 1, found.end);
    // the discriminator's literal, or a union of literals where several values map to one branch
    const member = new RegExp(
      `v\\.intersect\\(\\[v\\.object\\(\\{\\s*${property}: (v\\.literal\\('[^']*'\\)|v\\.union\\(\\[(?:\\s*v\\.literal\\('[^']*'\\),?)+\\s*\\]\\))\\s*\\}\\), (v\\w+)\\]\\)`,
      'g',
    );
    const members = [...options.matchAll(member)];
    // every option is such an intersection: nothing but separators is left without them
    if (members.length === 0 || options.replace(member, '').replace(/[\s,[\]]/g, '') !== '') continue;
    const mapped = new Map<string, Set<string>>();
    for (const [, literals, name] of members) {
      const values = mapped.get(name!) ?? new Set<string>();
      for (const [, value] of literals!.matchAll(/'([^']*)'/g)) values.add(value!);
      mapped.set(name!, values);
    }
    const built = [...mapped].map(([name, values]) => optionOf(out, name, property, values));
    if (built.some((option) => option === undefined)) continue;
    const variant = `v.variant('${property}', [\n    ${built.join(',\n    ')}\n])`;
    out = `${out.slice(0, found.start)}export const v${schema} = ${variant}${out.slice(found.end + 1)}`;
  }
  return out;
}

export function emitDiscriminators(tables: readonly Table[]): string {
  const names = [...new Set(tables.flatMap((t) => Object.values(t.mapping).map(validatorName)))].sort();
  const lines = [
    names.length ? `import { ${names.join(', ')} } from './valibot.gen';` : '',
    "import type { GenericSchema } from 'valibot';",
    '',
    'export interface Discriminator {',
    '  readonly schema: string;',
    '  readonly property: string;',
    '  readonly mapping: Readonly<Record<string, GenericSchema>>;',
    '}',
    '',
    'export const discriminators: readonly Discriminator[] = [',
    ...tables.map(
      (t) =>
        `  { schema: '${t.schema}', property: '${t.property}', mapping: { ${Object.entries(t.mapping)
          .map(([value, ref]) => `${JSON.stringify(value)}: ${validatorName(ref)}`)
          .join(', ')} } },`,
    ),
    '];',
    '',
  ];
  return lines.join('\n');
}
