/**
 * docs/compatibility.md has a section per translated inbound dialect, made from that dialect's
 * declared field decisions: every field of the Responses request (the generated skeleton's,
 * `CreateResponse` in specs/openai.yaml) is a row with the word for its decision and its reason.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { emitCompatibilityTable } from '../../codegen/compatibility-table';
import type { FieldDecision } from '../../src/core/field-decisions';
import { responsesRequestFields } from '../../src/dialects/openai-responses/responses-request-fields';

const reason = (d: FieldDecision): string => ('why' in d ? d.why : 'note' in d ? (d.note ?? '') : '');
const WORD = { mapped: 'translated', passthrough: 'sent as is', dropped: 'ignored', unsupported: 'refused' } as const;

it('the Responses dialect has a section with a row per declared field', async () => {
  const doc = await emitCompatibilityTable(join(import.meta.dirname, '..', '..'));
  const section = doc.slice(doc.indexOf('## The OpenAI Responses dialect'), doc.indexOf('## Providers'));
  expect(section).toContain('## The OpenAI Responses dialect');
  const fields = Object.entries(responsesRequestFields);
  expect(fields.length).toBeGreaterThan(20);
  for (const [field, decision] of fields) {
    expect(section).toContain(`| \`${field}\` | ${WORD[decision.kind]} | ${reason(decision)} |`);
  }
}, 60000);
