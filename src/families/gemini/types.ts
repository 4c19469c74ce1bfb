/** generateContent shapes, as generated from specs/gemini.yaml. */
import type { components } from '../../../generated/gemini/schema';

type Schemas = components['schemas'];
export type GeminiRequest = Schemas['GenerateContentRequest'];
export type GeminiContent = Schemas['Content'];
export type GeminiPart = Schemas['Part'];
export type GeminiSchema = Schemas['Schema'];
export type GenerationConfig = Schemas['GenerationConfig'];
export type GeminiResponse = Schemas['GenerateContentResponse'];
export type GeminiCandidate = Schemas['Candidate'];
export type GeminiUsage = Schemas['UsageMetadata'];
export type FinishReasonValue = NonNullable<GeminiCandidate['finishReason']>;
export type GeminiBatchEmbedRequest = Schemas['BatchEmbedContentsRequest'];
export type GeminiTaskType = Schemas['TaskType'];
export type VertexEmbedRequest = Schemas['VertexEmbeddingsPredictRequest'];
