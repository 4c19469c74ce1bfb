/**
 * What a Gemini model accepts, read from its id so that ids reached by pattern or prefix get the
 * right request too: 1.x and 2.0 take only the OpenAPI-style `Schema` (no full JSON Schema);
 * 2.5 thinks with a token budget; 3 thinks by level and wants thought signatures back.
 */
export interface GeminiTraits {
  jsonSchema: boolean;
  thinking: 'none' | 'budget' | 'level';
}

export function geminiTraits(model: string): GeminiTraits {
  const id = model.replace(/^models\//, '');
  if (/^gemini-(1\.|2\.0)/.test(id) || /^gemma-/.test(id)) return { jsonSchema: false, thinking: 'none' };
  if (/^gemini-2\.5/.test(id)) return { jsonSchema: true, thinking: 'budget' };
  return { jsonSchema: true, thinking: 'level' };
}
