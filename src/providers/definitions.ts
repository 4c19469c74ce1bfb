/**
 * The composition root: which providers exist (every declaration codegen found in this folder)
 * and the order rule 1 of routing tries them in (the original proxy's, then the new ones).
 * DESIGN lists vertex-gemini before google; here google comes first, so that a bare Gemini id goes
 * to the AI Studio key when one is set (as rule 3 does) and Vertex is reached as `vertex-gemini/`.
 */
import { providers } from '../../generated/providers';
import type { ProviderDefinition } from '../core/provider';

export const routingOrder: readonly string[] = [
  'openai',
  'anthropic',
  'vertex-anthropic',
  'google',
  'vertex-gemini',
  'deepseek',
  'moonshot',
  'lingyiwanwu',
  'groq',
  'azure',
  'cohere',
  'bailian',
  'ollama',
  'grok',
  'openrouter',
  'cerebras',
  'doubao',
  'cloudflare',
  'coze',
];

export const definitions: readonly ProviderDefinition[] = [...(providers as readonly ProviderDefinition[])].sort(
  (a, b) => routingOrder.indexOf(a.id) - routingOrder.indexOf(b.id),
);
