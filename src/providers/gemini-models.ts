import type { ModelEntry } from '../core/provider';

/**
 * Gemini models served by both AI Studio and Vertex AI, with limits from Google's model pages;
 * the embedding models take 2,048 input tokens.
 * @see https://ai.google.dev/gemini-api/docs/embeddings
 */
export const geminiModels: readonly ModelEntry[] = [
  {
    id: 'gemini-3-pro-preview',
    contextWindow: 1048576,
    maxOutputTokens: 65536,
    tools: true,
    vision: true,
    reasoning: true,
    family: 'gemini',
  },
  { id: 'gemini-2.5-pro', contextWindow: 1048576, maxOutputTokens: 65536, tools: true, vision: true, reasoning: true, family: 'gemini' },
  { id: 'gemini-2.5-flash', contextWindow: 1048576, maxOutputTokens: 65536, tools: true, vision: true, reasoning: true, family: 'gemini' },
  {
    id: 'gemini-2.5-flash-lite',
    contextWindow: 1048576,
    maxOutputTokens: 65536,
    tools: true,
    vision: true,
    reasoning: true,
    family: 'gemini',
  },
  { id: 'gemini-2.0-flash', contextWindow: 1048576, maxOutputTokens: 8192, tools: true, vision: true, family: 'gemini' },
  { id: 'gemini-2.0-flash-lite', contextWindow: 1048576, maxOutputTokens: 8192, tools: true, vision: true, family: 'gemini' },
  { id: 'gemini-1.5-flash', contextWindow: 1048576, maxOutputTokens: 8192, tools: true, vision: true, family: 'gemini' },
  { id: 'gemini-1.5-pro', contextWindow: 2097152, maxOutputTokens: 8192, tools: true, vision: true, family: 'gemini' },
  { id: 'gemini-embedding-001', contextWindow: 2048, embedding: true, family: 'gemini-embedding' },
  { id: 'text-embedding-004', contextWindow: 2048, embedding: true, family: 'text-embedding' },
];
