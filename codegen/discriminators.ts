/**
 * Discriminated unions of a spec (`oneOf` + `discriminator`), as tables from the discriminator
 * value to the generated validator of that branch. Valibot reports a failed union as one vague
 * issue; with these tables the proxy re-checks the one branch the input meant and names the field.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

interface SchemaObject {
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  properties?: Record<string, SchemaObject>;
}

const validatorName = (ref: string): string => `v${ref.slice(ref.lastIndexOf('/') + 1)}`;

export async function emitDiscriminators(specPath: string): Promise<string> {
  const spec = parse(await readFile(specPath, 'utf8')) as { components?: { schemas?: Record<string, SchemaObject> } };
  const tables: Array<{ schema: string; property: string; mapping: Record<string, string> }> = [];
  for (const [schema, body] of Object.entries(spec.components?.schemas ?? {})) {
    const d = body.discriminator;
    if (d?.mapping) tables.push({ schema, property: d.propertyName, mapping: d.mapping });
  }
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
