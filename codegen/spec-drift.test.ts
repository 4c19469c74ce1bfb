import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { specDrift } from './spec-drift';

const root = join(import.meta.dirname, '..');
const upstreamOpenAI = join(root, '..', 'shared', 'upstream-specs', 'openai', 'openapi.yaml');

describe('specDrift', () => {
  const ours = {
    paths: { '/chat': { post: {} }, '/gone': { get: {} } },
    components: {
      schemas: {
        Req: {
          type: 'object',
          properties: {
            a: { type: 'string' },
            effort: { type: 'string', enum: ['low', 'high'] },
            ours_only: { type: 'string' },
            extension: { type: 'string', 'x-proxy': 'ours' },
          },
        },
        Helper: { 'x-proxy': 'shared shape', type: 'string' },
        Renamed: { 'x-upstream-schema': 'TheirName', type: 'object', properties: { x: { type: 'integer' } } },
        Missing: { type: 'object', properties: { y: { type: 'string' } } },
      },
    },
  };
  const upstream = {
    paths: { '/chat': { post: {} } },
    components: {
      schemas: {
        Base: { type: 'object', properties: { a: { type: 'string' }, added: { type: 'boolean' } } },
        Req: {
          allOf: [
            { $ref: '#/components/schemas/Base' },
            { type: 'object', properties: { effort: { type: 'string', enum: ['low', 'high', 'max'] } } },
          ],
        },
        TheirName: { type: 'object', properties: { x: { type: 'string' } } },
      },
    },
  };

  it('lists every kind of difference, following $ref and allOf, and skips our own extensions', () => {
    const found = specDrift(ours, upstream).map((d) => `${d.kind} ${d.where}`);
    expect(found.sort()).toEqual(
      [
        'operation-missing-upstream GET /gone',
        'field-added-upstream Req.added',
        'enum-changed Req.effort',
        'field-missing-upstream Req.ours_only',
        'type-changed Renamed.x',
        'schema-missing-upstream Missing',
      ].sort(),
    );
  });

  it('finds nothing between a document and itself', () => {
    expect(specDrift(upstream, upstream)).toEqual([]);
  });
});

describe.skipIf(!existsSync(upstreamOpenAI))('specs/openai.yaml against the vendor document in ../shared', () => {
  it('has every schema and field of ours upstream, and reports what upstream added', () => {
    const ours = parse(readFileSync(join(root, 'specs', 'openai.yaml'), 'utf8')) as Record<string, unknown>;
    const theirs = parse(readFileSync(upstreamOpenAI, 'utf8'), { maxAliasCount: -1 }) as Record<string, unknown>;
    const drifts = specDrift(ours, theirs);
    // Our subset only narrows upstream: nothing of ours is missing or typed differently there.
    expect(drifts.filter((d) => d.kind !== 'field-added-upstream')).toEqual([]);
    expect(drifts.map((d) => d.where)).toContain('CreateChatCompletionRequest.prompt_cache_retention');
  });
});

if (!existsSync(upstreamOpenAI)) {
  console.warn(`skipping the upstream drift check: ${upstreamOpenAI} is absent (it exists only beside the project's own checkout)`);
}
