import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

export default defineProvider({
  id: 'ollama',
  name: 'Ollama',
  family: openaiCompatible,
  // Ollama's OpenAI endpoint reads only max_tokens; it takes reasoning_effort and answers with
  // `reasoning`, which is moved to reasoning_content.
  options: { maxTokensField: () => 'max_tokens' as const },
  env: { key: ['OLLAMA_API_KEY'], keyOptional: true, baseUrl: ['OLLAMA_BASE_URL'], models: ['OLLAMA_MODELS'] },
  keyHint: 'OLLAMA_API_KEY and OLLAMA_BASE_URL',
  models: [],
});
