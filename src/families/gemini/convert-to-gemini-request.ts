/** The generateContent body for one call, following the decisions in chat-request-fields.ts. */
import { declaredFunctions, toolChoiceOf } from '../../core/declared-tools';
import { refuseUnsupported } from '../../core/refuse-unsupported';
import type { ChatCall } from '../../core/provider';
import type { ChatRequest, ReasoningEffort } from '../../core/types';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema';
import { convertToGeminiContents } from './convert-to-gemini-contents';
import { geminiTraits, type GeminiTraits } from './gemini-model-traits';
import type { GeminiOptions } from './options';
import type { GeminiRequest, GenerationConfig } from './types';

const BUDGET: Record<ReasoningEffort, number> = { none: 0, minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 24576, max: 24576 };

function schemaFor(
  traits: GeminiTraits,
  schema: unknown,
): { parametersJsonSchema: Record<string, unknown> } | { parameters: ReturnType<typeof convertJsonSchemaToGeminiSchema> } {
  return traits.jsonSchema
    ? { parametersJsonSchema: schema as Record<string, unknown> }
    : { parameters: convertJsonSchemaToGeminiSchema(schema) };
}

function tools(request: ChatRequest, traits: GeminiTraits): GeminiRequest['tools'] {
  const declarations = declaredFunctions(request).map((f) => ({
    name: f.name,
    ...(f.description ? { description: f.description } : {}),
    ...(f.parameters ? schemaFor(traits, f.parameters) : {}),
  }));
  return declarations.length ? [{ functionDeclarations: declarations }] : undefined;
}

function toolConfig(request: ChatRequest): GeminiRequest['toolConfig'] {
  const choice = toolChoiceOf(request);
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (typeof choice === 'object') return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
  return undefined;
}

function thinking(effort: ReasoningEffort | null | undefined, traits: GeminiTraits, model: string): GenerationConfig['thinkingConfig'] {
  if (!effort || traits.thinking === 'none') return undefined;
  if (traits.thinking === 'level') {
    const low = effort === 'none' || effort === 'minimal' || effort === 'low';
    return { thinkingLevel: low ? 'LOW' : 'HIGH', includeThoughts: true };
  }
  // 2.5 Pro cannot turn thinking off; 128 is its smallest budget.
  const budget = effort === 'none' && /pro/.test(model) ? 128 : BUDGET[effort];
  return budget === 0 ? { thinkingBudget: 0 } : { thinkingBudget: budget, includeThoughts: true };
}

export async function convertToGeminiRequest(call: ChatCall<GeminiOptions>): Promise<GeminiRequest> {
  refuseUnsupported(call);
  const { request, model } = call;
  const traits = geminiTraits(model.upstream);
  const { systemInstruction, contents } = await convertToGeminiContents(request.messages, {
    signaturesRequired: traits.thinking === 'level',
    images: call.provider.limits.images,
    signal: call.signal,
  });
  const body: GeminiRequest = { contents };
  if (systemInstruction) body.systemInstruction = systemInstruction;
  const declared = tools(request, traits);
  if (declared) body.tools = declared;
  const config = toolConfig(request);
  if (declared && config) body.toolConfig = config;

  const generation: GenerationConfig = {};
  const limit = request.max_completion_tokens ?? request.max_tokens;
  if (limit != null) generation.maxOutputTokens = limit;
  if (request.stop) generation.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.temperature != null) generation.temperature = request.temperature;
  if (request.top_p != null) generation.topP = request.top_p;
  if (request.n != null && request.n !== 1) generation.candidateCount = request.n;
  if (request.seed != null) generation.seed = request.seed;
  if (request.presence_penalty != null) generation.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) generation.frequencyPenalty = request.frequency_penalty;
  const topK = (request as unknown as { top_k?: unknown }).top_k;
  if (typeof topK === 'number') generation.topK = topK;
  const format = request.response_format;
  if (format?.type === 'json_object' || format?.type === 'json_schema') {
    generation.responseMimeType = 'application/json';
    const schema = format.type === 'json_schema' ? format.json_schema?.schema : undefined;
    if (schema) {
      if (traits.jsonSchema) generation.responseJsonSchema = schema;
      else generation.responseSchema = convertJsonSchemaToGeminiSchema(schema);
    }
  }
  const thinkingConfig = thinking(request.reasoning_effort, traits, model.upstream);
  if (thinkingConfig) generation.thinkingConfig = thinkingConfig;
  if (Object.keys(generation).length) body.generationConfig = generation;
  return body;
}
