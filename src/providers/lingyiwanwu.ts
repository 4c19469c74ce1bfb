import { dropped } from '../core/field-decisions';
import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

export default defineProvider({
  id: 'lingyiwanwu',
  name: '01.AI (Lingyiwanwu)',
  family: openaiCompatible,
  options: { maxTokensField: () => 'max_tokens' as const, reasoningEffort: () => undefined },
  fields: { reasoning_effort: dropped('Yi models have no reasoning switch') },
  env: { key: ['LINGYIWANWU_API_KEY'], baseUrl: ['LINGYIWANWU_BASE_URL'], models: ['LINGYIWANWU_MODELS'] },
  defaultBaseUrl: 'https://api.lingyiwanwu.com/v1',
  patterns: [/^yi-/],
  models: [
    { id: 'yi-lightning', contextWindow: 16384, tools: true, family: 'yi' },
    { id: 'yi-large', contextWindow: 32768, tools: true, family: 'yi' },
    { id: 'yi-vision-v2', contextWindow: 16384, vision: true, family: 'yi' },
  ],
});
