import type { ModelEntry } from '../core/provider';

/** Gemini models served by both AI Studio and Vertex AI, with limits from Google's model pages. */
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
];
