/**
 * The rewrite of hey-api's discriminated unions (a union of intersections, each of the
 * discriminator's literal and a branch) into valibot variants: made only where it accepts the
 * same inputs, and the generated validators made that way still refuse what the spec refuses.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { asVariants, type Table } from '../../codegen/discriminators';
import { vInputContentBlock } from '../../generated/anthropic/valibot.gen';
import { vChatCompletionRequestMessage, vItem, vTool } from '../../generated/openai/valibot.gen';

/** The spec's discriminated unions named `names`, each on `type`. */
const tablesOf = (names: string[]): Table[] => names.map((schema) => ({ schema, property: 'type', mapping: {} }));

const union = (name: string, branches: [string, string][]): string =>
  `export const v${name} = v.union([${branches
    .map(([value, branch]) => `\n    v.intersect([v.object({\n            type: v.literal('${value}')\n        }), ${branch}])`)
    .join(',')}\n]);`;

describe('asVariants', () => {
  it('makes a variant of the branches whose discriminator takes exactly the values mapped to them', () => {
    const validators = [
      "export const vText = v.object({\n    type: v.picklist(['text']),\n    text: v.string()\n});",
      "export const vHosted = v.objectWithRest({\n    id: v.string(),\n    type: v.picklist([\n        'a',\n        'b'\n    ])\n}, v.unknown());",
      union('Block', [
        ['text', 'vText'],
        ['a', 'vHosted'],
        ['b', 'vHosted'],
      ]),
      'export const vAfter = v.array(vBlock);',
    ].join('\n\n');
    const out = asVariants(validators, tablesOf(['Block']));
    expect(out).toContain(
      "export const vBlock = v.variant('type', [\n    vText,\n    vHosted\n]);\n\nexport const vAfter = v.array(vBlock);",
    );
    expect(out).not.toContain('v.union');
  });

  it('narrows a branch whose discriminator may be left out or takes more values to the ones mapped to it', () => {
    const validators = [
      "export const vLoose = v.object({\n    type: v.optional(v.picklist(['message'])),\n    role: v.string()\n});",
      "export const vWide = v.objectWithRest({\n    type: v.picklist(['x', 'y'])\n}, v.unknown());",
      union('Item', [
        ['message', 'vLoose'],
        ['x', 'vWide'],
      ]),
    ].join('\n\n');
    const out = asVariants(validators, tablesOf(['Item']));
    expect(out).toContain(
      "export const vItem = v.variant('type', [\n    v.object({ ...vLoose.entries, type: v.picklist(['message']) }),\n    v.objectWithRest({ ...vWide.entries, type: v.picklist(['x']) }, vWide.rest)\n]);",
    );
  });

  it('reads a branch that several values map to, written as a union of their literals', () => {
    const validators = [
      "export const vHosted = v.object({\n    type: v.picklist([\n        'a',\n        'b'\n    ])\n});",
      "export const vTools = v.union([\n    v.intersect([v.object({\n            type: v.union([\n                v.literal('a'),\n                v.literal('b')\n            ])\n        }), vHosted])\n]);",
    ].join('\n\n');
    expect(asVariants(validators, tablesOf(['Tools']))).toContain("export const vTools = v.variant('type', [\n    vHosted\n]);");
  });

  it('leaves a union whose branch refuses a value mapped to it, or is not an object', () => {
    const validators = [
      "export const vNarrow = v.object({\n    type: v.picklist(['x'])\n});",
      'export const vList = v.array(v.string());',
      union('Refusing', [['y', 'vNarrow']]),
      union('Listed', [['x', 'vList']]),
    ].join('\n\n');
    expect(asVariants(validators, tablesOf(['Refusing', 'Listed']))).toBe(validators);
  });
});

describe('the generated variants', () => {
  it('accept each branch and refuse an unknown or missing discriminator, as the unions did', () => {
    expect(v.is(vChatCompletionRequestMessage, { role: 'tool', content: 'x', tool_call_id: 'c' })).toBe(true);
    expect(v.is(vChatCompletionRequestMessage, { role: 'tool', content: 'x' })).toBe(false);
    expect(v.is(vChatCompletionRequestMessage, { role: 'robot', content: 'x' })).toBe(false);
    expect(v.is(vChatCompletionRequestMessage, { content: 'x' })).toBe(false);
    expect(v.is(vInputContentBlock, { type: 'tool_result', tool_use_id: 't', content: 'ok' })).toBe(true);
    expect(v.is(vInputContentBlock, { type: 'tool_result', content: 'ok' })).toBe(false);
    expect(v.is(vInputContentBlock, { type: 'text' })).toBe(false);
    // a narrowed branch: the message an item names must say it is one
    expect(v.is(vItem, { type: 'message', role: 'user', content: 'hi' })).toBe(true);
    expect(v.is(vItem, { role: 'user', content: 'hi' })).toBe(false);
    expect(v.is(vItem, { type: 'function_call_output', call_id: 'c', output: 'ok' })).toBe(true);
    expect(v.is(vItem, { type: 'function_call_output', output: 'ok' })).toBe(false);
    expect(v.is(vTool, { type: 'web_search' })).toBe(true);
    expect(v.is(vTool, { type: 'function', name: 'f' })).toBe(true);
    expect(v.is(vTool, { type: 'telepathy' })).toBe(false);
  });
});
