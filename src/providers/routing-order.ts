/**
 * Rule 1 of routing: the first configured provider in this order that lists a model id serves it.
 * DESIGN lists vertex-gemini before google; here google comes first, so that a bare Gemini id goes
 * to the AI Studio key when one is set (as rule 3 does) and Vertex is reached as `vertex-gemini/`.
 */
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
