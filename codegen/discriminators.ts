/**
 * Discriminated unions of a spec (`oneOf` + `discriminator`): tables from the discriminator value
 * to the generated validator of that branch, and the generated unions rewritten as valibot
 * variants, which read the discriminator and check the one branch it names.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

interface SchemaObject {
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  properties?: Record<string, SchemaObject>;
}

const validatorName = (ref: string): string => `v${ref.slice(ref.lastIndexOf('/') + 1)}`;

interface Table {
  readonly schema: string;
  readonly property: string;
  readonly mapping: Record<string, string>;
}

async function discriminatedUnions(specPath: string): Promise<Table[]> {
  const spec = parse(await readFile(specPath, 'utf8')) as { components?: { schemas?: Record<string, SchemaObject> } };
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

/** The values an object validator's own `property` entry takes, where it is a literal or a picklist of them. */
function valuesOf(validators: string, name: string, property: string): Set<string> | undefined {
  const found = definitionOf(validators, name);
  if (!found || !/^v\.(object|looseObject|strictObject|objectWithRest)$/.test(found.call)) return undefined;
  const text = validators.slice(found.start, found.end);
  const entry = new RegExp(`\\n {4}${property}: v\\.(?:picklist\\(\\[([^\\]]*)\\]\\)|literal\\(('[^']*')\\))`).exec(text);
  const list = entry?.[1] ?? entry?.[2];
  if (list === undefined) return undefined;
  return new Set(list.split(',').map((item) => item.trim().replace(/^'|'$/g, '')));
}

/**
 * hey-api writes a discriminated union as a union of intersections, each of an object holding the
 * discriminator's literal and the branch's validator: valibot then tries every branch in turn
 * and merges two outputs for the one that fits (a Claude Code request's content blocks took three
 * times as long to check as to parse). Where each branch's own validator is an object whose
 * discriminator entry takes exactly the values mapped to it, the union is the variant of those
 * validators, which accepts the same inputs; any other union is left as it is.
 * @see https://valibot.dev/api/variant/
 */
export async function asVariants(validators: string, specPath: string): Promise<string> {
  let out = validators;
  for (const { schema, property } of await discriminatedUnions(specPath)) {
    const found = definitionOf(out, `v${schema}`);
    if (found?.call !== 'v.union') continue;
    const options = out.slice(out.indexOf('(', found.start) + 1, found.end);
    const member = new RegExp(
      `v\\.intersect\\(\\[v\\.object\\(\\{\\s*${property}: v\\.literal\\('([^']*)'\\)\\s*\\}\\), (v\\w+)\\]\\)`,
      'g',
    );
    const members = [...options.matchAll(member)];
    // every option is such an intersection: nothing but separators is left without them
    if (members.length === 0 || options.replace(member, '').replace(/[\s,[\]]/g, '') !== '') continue;
    const mapped = new Map<string, Set<string>>();
    for (const [, value, name] of members) mapped.set(name!, (mapped.get(name!) ?? new Set()).add(value!));
    const exact = [...mapped].every(([name, values]) => {
      const own = valuesOf(out, name, property);
      return own !== undefined && own.size === values.size && [...own].every((value) => values.has(value));
    });
    if (!exact) continue;
    const variant = `v.variant('${property}', [\n    ${[...mapped.keys()].join(',\n    ')}\n])`;
    out = `${out.slice(0, found.start)}export const v${schema} = ${variant}${out.slice(found.end + 1)}`;
  }
  return out;
}

export async function emitDiscriminators(specPath: string): Promise<string> {
  const tables = await discriminatedUnions(specPath);
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
