/**
 * Point 2 of issue 15: a value a vendor adds to an enum the proxy maps, once it is in `specs/` and
 * regenerated, is a compile error in the mapper until someone decides about it. Each row adds a
 * value to a copy of one spec, regenerates its types with openapi-typescript (as `npm run codegen`
 * does), and type-checks the real mapper against them; the error must name the added value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
type Json = Record<string, any>;

interface Row {
  /** what the vendor adds */
  change: string;
  /** the mapper that must stop compiling */
  mapper: string;
  /** a name that appears only because of the change */
  added: string;
  /** absent when an earlier row's change already covers it */
  mutate?: (schemas: Json) => void;
}

const withVariant = (union: Json, tag: string, schema: Json, schemas: Json): void => {
  const name = `Added_${tag}`;
  schemas[name] = { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: [tag] } }, ...schema };
  union.oneOf.push({ $ref: `#/components/schemas/${name}` });
  union.discriminator.mapping[tag] = `#/components/schemas/${name}`;
};

const rows: Record<string, Row[]> = {
  anthropic: [
    {
      change: 'a stop_reason',
      mapper: 'src/families/anthropic/map-anthropic-stop-reason.ts',
      added: 'added_stop_reason',
      mutate: (s) => s.StopReason.enum.push('added_stop_reason'),
    },
    {
      change: 'a stream event type',
      mapper: 'src/families/anthropic/anthropic-stream.ts',
      added: 'added_event',
      mutate: (s) => withVariant(s.MessageStreamEvent, 'added_event', {}, s),
    },
    {
      change: 'a content block type (whole reply)',
      mapper: 'src/families/anthropic/convert-anthropic-response.ts',
      added: 'added_block',
      mutate: (s) => withVariant(s.ContentBlock, 'added_block', {}, s),
    },
    {
      change: 'a content block type (stream)',
      mapper: 'src/families/anthropic/anthropic-stream.ts',
      added: 'added_block',
    },
    {
      change: 'a content block delta type',
      mapper: 'src/families/anthropic/anthropic-stream.ts',
      added: 'added_delta',
      mutate: (s) => withVariant(s.ContentBlockDeltaEvent.properties.delta, 'added_delta', {}, s),
    },
    {
      change: 'an error type',
      mapper: 'src/families/anthropic/anthropic-error-status.ts',
      added: 'added_error',
      mutate: (s) => s.ErrorType.enum.push('added_error'),
    },
  ],
  gemini: [
    {
      change: 'a finishReason',
      mapper: 'src/families/gemini/map-gemini-finish-reason.ts',
      added: 'ADDED_FINISH_REASON',
      mutate: (s) => s.Candidate.properties.finishReason.enum.push('ADDED_FINISH_REASON'),
    },
    {
      change: 'a part kind',
      mapper: 'src/families/gemini/convert-gemini-parts.ts',
      added: 'addedPart',
      mutate: (s) => (s.Part.properties.addedPart = { type: 'object' }),
    },
  ],
  openai: [
    {
      change: 'a finish_reason',
      mapper: 'src/families/openai-compatible/map-openai-finish-reason.ts',
      added: 'added_finish_reason',
      mutate: (s) => s.FinishReason.enum.splice(-1, 0, 'added_finish_reason'),
    },
  ],
};

const config = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);

/** Errors per mapper file when `generated/<api>/schema.d.ts` is replaced by `schema`. */
function compileMappers(api: string, schema: string, mappers: string[]): Map<string, string[]> {
  const generated = join(root, 'generated', api, 'schema.d.ts');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === generated ? schema : readFile(file));
  const program = ts.createProgram(
    mappers.map((m) => join(root, m)),
    config.options,
    host,
  );
  const out = new Map<string, string[]>();
  for (const mapper of mappers) {
    const file = program.getSourceFile(join(root, mapper));
    out.set(
      mapper,
      ts.getPreEmitDiagnostics(program, file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    );
  }
  return out;
}

describe.each(Object.entries(rows))('specs/%s.yaml', (api, apiRows) => {
  const mappers = [...new Set(apiRows.map((r) => r.mapper))];
  const spec = parse(readFileSync(join(root, 'specs', `${api}.yaml`), 'utf8')) as Json;
  for (const row of apiRows) row.mutate?.(spec.components.schemas);
  let schema: string;
  let errors: Map<string, string[]>;
  beforeAll(async () => {
    schema = astToString(await openapiTS(spec as OpenAPI3, { defaultNonNullable: false, alphabetize: false }));
    errors = compileMappers(api, schema, mappers);
  });

  it('regenerates with the added values', () => {
    for (const row of apiRows) expect(schema).toContain(row.added);
  });

  it.each(apiRows)('$change stops $mapper compiling', (row) => {
    expect(errors.get(row.mapper)!.filter((message) => message.includes(row.added))).not.toEqual([]);
  });
});
