/** Cohere v2 wire types, generated from specs/cohere.yaml. */
import type { components } from '../../../generated/cohere/schema';

type Schemas = components['schemas'];
export type CohereRequest = Schemas['ChatRequestV2'];
export type CohereMessage = Schemas['ChatMessageV2'];
export type CohereContent = Schemas['Content'];
export type CohereTool = Schemas['ToolV2'];
export type CohereResponse = Schemas['ChatResponseV2'];
export type CohereFinishReason = Schemas['ChatFinishReason'];
export type CohereUsage = Schemas['Usage'];
export type CohereStreamEvent = Schemas['StreamedChatResponseV2'];
export type CohereEmbedRequest = Schemas['EmbedRequestV2'];
export type CohereEmbedInputType = Schemas['EmbedInputType'];
