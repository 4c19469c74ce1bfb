import { defineProvider } from '../core/provider';
import { openaiCompatible } from '../families/openai-compatible';

const BUDGET: Record<string, number> = { minimal: 1024, low: 4096, medium: 16384, high: 32768, xhigh: 81920, max: 81920 };

export default defineProvider({
  id: 'bailian',
  name: 'Aliyun Bailian (DashScope)',
  family: openaiCompatible,
  options: {
    // Qwen's switch is enable_thinking with an optional token budget; QwQ always thinks.
    reasoningEffort: (effort, model) => {
      if (!model.reasoning || /^qwq/.test(model.upstream)) return undefined;
      return effort === 'none' ? { enable_thinking: false } : { enable_thinking: true, thinking_budget: BUDGET[effort] };
    },
    // DashScope answers thinking only as a stream (and QwQ only streams at all).
    mustStream: (body, model) => body.enable_thinking === true || /^qwq/.test(model.upstream),
  },
  env: { key: ['ALIYUN_BAILIAN_API_KEY'], baseUrl: ['ALIYUN_BAILIAN_BASE_URL'], models: ['ALIYUN_BAILIAN_MODELS'] },
  defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  patterns: [/^qwen/, /^qwq/],
  models: [
    { id: 'qwen-max', contextWindow: 32768, tools: true, family: 'qwen' },
    { id: 'qwen-plus', contextWindow: 131072, tools: true, reasoning: true, family: 'qwen' },
    { id: 'qwen-turbo', contextWindow: 1000000, tools: true, reasoning: true, family: 'qwen' },
    { id: 'qwen-vl-max', contextWindow: 131072, vision: true, family: 'qwen' },
    { id: 'qwen3-max', contextWindow: 262144, tools: true, family: 'qwen3' },
    { id: 'qwen3-coder-plus', contextWindow: 1000000, tools: true, family: 'qwen3' },
    { id: 'qwq-plus', contextWindow: 131072, tools: true, reasoning: true, family: 'qwq' },
  ],
});
