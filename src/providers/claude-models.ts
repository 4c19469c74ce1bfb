import type { ModelEntry } from '../core/provider';

/**
 * Claude models as Anthropic names them; Vertex AI names the same models with `@` before the
 * date (`vertexModelId`). Output limits and capabilities from Anthropic's model overview.
 */
export const claudeModels: readonly ModelEntry[] = [
  {
    id: 'claude-opus-4-5-20251101',
    contextWindow: 200000,
    maxOutputTokens: 64000,
    tools: true,
    vision: true,
    reasoning: true,
    structuredOutputs: true,
    family: 'claude',
  },
  {
    id: 'claude-sonnet-4-5-20250929',
    contextWindow: 200000,
    maxOutputTokens: 64000,
    tools: true,
    vision: true,
    reasoning: true,
    structuredOutputs: true,
    family: 'claude',
  },
  {
    id: 'claude-haiku-4-5-20251001',
    contextWindow: 200000,
    maxOutputTokens: 64000,
    tools: true,
    vision: true,
    reasoning: true,
    structuredOutputs: true,
    family: 'claude',
  },
  {
    id: 'claude-opus-4-1-20250805',
    contextWindow: 200000,
    maxOutputTokens: 32000,
    tools: true,
    vision: true,
    reasoning: true,
    structuredOutputs: true,
    family: 'claude',
  },
  {
    id: 'claude-opus-4-20250514',
    contextWindow: 200000,
    maxOutputTokens: 32000,
    tools: true,
    vision: true,
    reasoning: true,
    family: 'claude',
  },
  {
    id: 'claude-sonnet-4-20250514',
    contextWindow: 200000,
    maxOutputTokens: 64000,
    tools: true,
    vision: true,
    reasoning: true,
    family: 'claude',
  },
  {
    id: 'claude-3-7-sonnet-20250219',
    contextWindow: 200000,
    maxOutputTokens: 64000,
    tools: true,
    vision: true,
    reasoning: true,
    family: 'claude',
  },
  { id: 'claude-3-5-sonnet-20241022', contextWindow: 200000, maxOutputTokens: 8192, tools: true, vision: true, family: 'claude' },
  { id: 'claude-3-5-sonnet-20240620', contextWindow: 200000, maxOutputTokens: 8192, tools: true, vision: true, family: 'claude' },
  { id: 'claude-3-5-haiku-20241022', contextWindow: 200000, maxOutputTokens: 8192, tools: true, family: 'claude' },
  { id: 'claude-3-haiku-20240307', contextWindow: 200000, maxOutputTokens: 4096, tools: true, vision: true, family: 'claude' },
];

/** `claude-sonnet-4-5-20250929` -> `claude-sonnet-4-5@20250929`; ids with `@` stay. Vertex also calls 3.5 Sonnet v2 `claude-3-5-sonnet-v2`. */
export function vertexModelId(id: string): string {
  if (id.includes('@')) return id;
  if (id === 'claude-3-5-sonnet-20241022') return 'claude-3-5-sonnet-v2@20241022';
  return id.replace(/-(\d{8})$/, '@$1');
}
