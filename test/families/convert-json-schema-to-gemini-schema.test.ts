import { describe, expect, it } from 'vitest';
import { convertJsonSchemaToGeminiSchema } from '../../src/families/gemini/convert-json-schema-to-gemini-schema';

describe('convertJsonSchemaToGeminiSchema', () => {
  it('merges allOf, converts type unions and nested arrays, and drops what the subset cannot say', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      allOf: [
        { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        { properties: { tags: { type: 'array', items: { type: ['string', 'number'] } } } },
      ],
      additionalProperties: false,
      properties: { name: { type: 'string', pattern: '^a', minLength: 1 } },
    };
    expect(convertJsonSchemaToGeminiSchema(schema)).toEqual({
      type: 'OBJECT',
      properties: {
        id: { type: 'INTEGER' },
        tags: { type: 'ARRAY', items: { anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] } },
        name: { type: 'STRING' },
      },
      required: ['id'],
    });
  });

  it('inlines recursive $refs only to a bounded depth', () => {
    const tree = { $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } }, $ref: '#/$defs/Node' };
    const converted = JSON.stringify(convertJsonSchemaToGeminiSchema(tree));
    expect(converted.length).toBeLessThan(10000);
    expect(converted.startsWith('{"type":"OBJECT","properties":{"child":{"type":"OBJECT"')).toBe(true);
  });

  it('keeps enums as strings with null as nullable', () => {
    expect(convertJsonSchemaToGeminiSchema({ enum: [1, 2, null] })).toEqual({ type: 'STRING', enum: ['1', '2'], nullable: true });
  });
});
