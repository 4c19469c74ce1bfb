/**
 * Ollama requests -> canonical requests: each field decision in ollama-request-fields.ts holds
 * (a dropped field changes nothing, a mapped one reaches the canonical request, an unsupported
 * one is refused), and the translations that need care: tool call ids and tool results, images
 * and their media types, think levels, format, generate's system/raw/suffix.
 */
import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../src/core/provider';
import { convertOllamaChatRequest } from '../../src/dialects/ollama/convert-ollama-chat-request';
import { convertOllamaGenerateRequest } from '../../src/dialects/ollama/convert-ollama-generate-request';
import { convertOllamaMessages } from '../../src/dialects/ollama/convert-ollama-messages';
import {
  ollamaChatRequestFields,
  ollamaGenerateRequestFields,
  ollamaModelOptionFields,
} from '../../src/dialects/ollama/ollama-request-fields';
import type { OllamaChatRequest, OllamaGenerateRequest, OllamaMessage } from '../../src/dialects/ollama/ollama-types';

const plain: ModelInfo = { id: 'gpt-4o', upstream: 'gpt-4o', tools: true, vision: true };
const thinker: ModelInfo = { id: 'o4-mini', upstream: 'o4-mini', reasoning: true };
const hello: OllamaChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
const chat = (extra: Partial<OllamaChatRequest>, model = plain) => convertOllamaChatRequest({ ...hello, ...extra }, model);

const base64 = (bytes: number[]) => Buffer.from([...bytes, 0, 0, 0, 0, 0, 0, 0, 0]).toString('base64');
const IMAGES = {
  'image/png': base64([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': base64([0xff, 0xd8, 0xff, 0xe0]),
  'image/gif': base64([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]),
  'image/webp': base64([0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]),
};

describe('options', () => {
  const sample = (field: string): unknown => (field === 'stop' ? ['END'] : field === 'use_mmap' ? true : 7);

  for (const [field, decision] of Object.entries(ollamaModelOptionFields)) {
    it(`${field} is ${decision.kind}`, () => {
      const converted = chat({ options: { [field]: sample(field) } });
      if (decision.kind === 'dropped') expect(converted).toEqual(chat({}));
      else expect(converted).not.toEqual(chat({}));
    });
  }

  it('maps each sampling option to its OpenAI field, top_k as a vendor extra', () => {
    const converted = chat({
      options: {
        temperature: 0.2,
        top_p: 0.9,
        top_k: 40,
        num_predict: 128,
        stop: ['\n\n'],
        seed: 7,
        presence_penalty: 0.5,
        frequency_penalty: 0.1,
        num_ctx: 8192,
      },
    });
    expect(converted).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      max_tokens: 128,
      stop: ['\n\n'],
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: 0.1,
    });
  });

  it('sends no limit for num_predict -1 (no limit) and -2 (fill the context)', () => {
    expect(chat({ options: { num_predict: -1 } })).not.toHaveProperty('max_tokens');
    expect(chat({ options: { num_predict: -2 } })).not.toHaveProperty('max_tokens');
    expect(chat({ options: { num_predict: 0 } }).max_tokens).toBe(0);
  });
});

describe('top-level fields', () => {
  const samples: Record<string, unknown> = { keep_alive: '5m', template: '{{ .Prompt }}', context: [1, 2, 3] };

  for (const [field, decision] of Object.entries(ollamaChatRequestFields)) {
    if (decision.kind !== 'dropped') continue;
    it(`chat: ${field} is dropped`, () => expect(chat({ [field]: samples[field] })).toEqual(chat({})));
  }
  for (const [field, decision] of Object.entries(ollamaGenerateRequestFields)) {
    if (decision.kind === 'mapped') continue;
    it(`generate: ${field} is ${decision.kind}`, () => {
      const request: OllamaGenerateRequest = { model: 'gpt-4o', prompt: 'hi' };
      const convert = () => convertOllamaGenerateRequest({ ...request, [field]: samples[field] ?? 'x' }, plain);
      if (decision.kind === 'dropped') expect(convert()).toEqual(convertOllamaGenerateRequest(request, plain));
      else expect(convert).toThrow(expect.objectContaining({ status: 400, param: field }));
    });
  }

  it('streams unless stream is false, as Ollama does', () => {
    expect(chat({}).stream).toBe(true);
    expect(chat({ stream: true }).stream).toBe(true);
    expect(chat({ stream: false }).stream).toBe(false);
  });

  it('turns format json into json_object and a schema into json_schema', () => {
    expect(chat({ format: 'json' }).response_format).toEqual({ type: 'json_object' });
    const schema = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] };
    expect(chat({ format: schema }).response_format).toEqual({ type: 'json_schema', json_schema: { name: 'response', schema } });
  });

  it('turns think into reasoning_effort; false only switches off a reasoning model', () => {
    expect(chat({ think: true }, thinker).reasoning_effort).toBe('medium');
    for (const level of ['low', 'medium', 'high', 'max'] as const) expect(chat({ think: level }, thinker).reasoning_effort).toBe(level);
    expect(chat({ think: false }, thinker).reasoning_effort).toBe('none');
    expect(chat({ think: false }, plain)).not.toHaveProperty('reasoning_effort');
    expect(chat({}, thinker)).not.toHaveProperty('reasoning_effort');
  });

  it('passes tools through in the OpenAI shape they already have', () => {
    const tools: OllamaChatRequest['tools'] = [
      { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} } } },
    ];
    expect(chat({ tools }).tools).toEqual(tools);
    expect(chat({ tools: [] })).not.toHaveProperty('tools');
  });
});

describe('messages', () => {
  it('turns images into data URLs typed from their bytes, before the text', () => {
    for (const [type, data] of Object.entries(IMAGES)) {
      const [message] = convertOllamaMessages([{ role: 'user', content: 'what is this?', images: [data] }]);
      expect(message).toEqual({
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: `data:${type};base64,${data}` } },
          { type: 'text', text: 'what is this?' },
        ],
      });
    }
    const [only] = convertOllamaMessages([{ role: 'user', content: '', images: [IMAGES['image/png']] }]);
    expect(only).toEqual({
      role: 'user',
      content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${IMAGES['image/png']}` } }],
    });
  });

  it('refuses images on messages that cannot carry them, naming the field', () => {
    expect(() => convertOllamaMessages([{ role: 'assistant', content: 'x', images: [IMAGES['image/png']] }])).toThrow(
      expect.objectContaining({ status: 400, param: 'messages[0].images' }),
    );
  });

  const history: OllamaMessage[] = [
    { role: 'user', content: 'Weather and time in Paris?' },
    {
      role: 'assistant',
      content: '',
      thinking: 'two tools',
      tool_calls: [
        { function: { name: 'get_weather', arguments: { city: 'Paris' } } },
        { function: { name: 'get_time', arguments: { tz: 'Europe/Paris' } } },
      ],
    },
    { role: 'tool', tool_name: 'get_time', content: '14:00' },
    { role: 'tool', tool_name: 'get_weather', content: 'sunny' },
  ];

  it('gives tool calls ids from their position and pairs results by tool_name', () => {
    expect(convertOllamaMessages(history)).toEqual([
      { role: 'user', content: 'Weather and time in Paris?' },
      {
        role: 'assistant',
        content: null,
        reasoning_content: 'two tools',
        tool_calls: [
          { id: 'call_1_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_1_1', type: 'function', function: { name: 'get_time', arguments: '{"tz":"Europe/Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1_1', content: '14:00' },
      { role: 'tool', tool_call_id: 'call_1_0', content: 'sunny' },
    ]);
  });

  it('gives the same ids to the same history, so a conversation keeps them turn after turn', () => {
    const longer = [...history, { role: 'assistant' as const, content: 'Sunny, 14:00.' }, { role: 'user' as const, content: 'Thanks' }];
    expect(convertOllamaMessages(longer).slice(0, 4)).toEqual(convertOllamaMessages(history));
  });

  it('pairs results without tool_name (or with an unknown one) in call order', () => {
    const unnamed = history.map((m) => (m.role === 'tool' ? { role: 'tool' as const, content: m.content } : m));
    expect(convertOllamaMessages(unnamed).slice(2)).toEqual([
      { role: 'tool', tool_call_id: 'call_1_0', content: '14:00' },
      { role: 'tool', tool_call_id: 'call_1_1', content: 'sunny' },
    ]);
    const misnamed = [...history.slice(0, 2), { role: 'tool' as const, tool_name: 'nope', content: 'x' }];
    expect(convertOllamaMessages(misnamed)[2]).toEqual({ role: 'tool', tool_call_id: 'call_1_0', content: 'x' });
  });

  it('accepts an assistant tool-call turn without content, as Ollama does', () => {
    const history: OllamaMessage[] = [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', tool_name: 'get_weather', content: 'sunny' },
    ];
    const [, assistant, tool] = convertOllamaMessages(history);
    expect(assistant).toMatchObject({ role: 'assistant', content: null, tool_calls: [{ function: { name: 'get_weather' } }] });
    expect(tool).toMatchObject({ role: 'tool', content: 'sunny' });
  });

  it('accepts a tool result with no call to answer (LlamaIndex sends them) as a user message carrying it', () => {
    expect(
      convertOllamaMessages([
        { role: 'user', content: 'hi' },
        { role: 'tool', tool_name: 'get_time', content: '14:00' },
      ]),
    ).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'user', content: 'Result of the tool get_time:\n14:00' },
    ]);
    expect(convertOllamaMessages([...history, { role: 'tool', content: 'third' }])[4]).toEqual({
      role: 'user',
      content: 'Result of the tool:\nthird',
    });
  });
});

describe('generate', () => {
  const generate = (extra: Partial<OllamaGenerateRequest>) =>
    convertOllamaGenerateRequest({ model: 'gpt-4o', prompt: 'Why is the sky blue?', ...extra }, plain);

  it('is one user turn after the system prompt', () => {
    expect(generate({ system: 'Be brief.', stream: false, options: { temperature: 0 } })).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Why is the sky blue?' },
      ],
      stream: false,
      temperature: 0,
    });
  });

  it('sends a raw prompt alone, as Ollama skips the template and system prompt', () => {
    expect(generate({ system: 'Be brief.', raw: true }).messages).toEqual([{ role: 'user', content: 'Why is the sky blue?' }]);
  });

  it('carries images, format and think like chat', () => {
    const converted = generate({ images: [IMAGES['image/jpeg']], format: 'json', think: 'high' });
    expect(converted.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${IMAGES['image/jpeg']}` } },
        { type: 'text', text: 'Why is the sky blue?' },
      ],
    });
    expect(converted).toMatchObject({ response_format: { type: 'json_object' }, reasoning_effort: 'high' });
  });

  it('refuses a suffix as Ollama does for a model without insert, but takes an empty one', () => {
    expect(() => generate({ suffix: '}\n' })).toThrow(
      expect.objectContaining({ status: 400, code: 'unsupported_parameter', message: expect.stringMatching(/does not support insert/) }),
    );
    expect(generate({ suffix: '' }).messages).toHaveLength(1);
  });
});
