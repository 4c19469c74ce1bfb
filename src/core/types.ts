/**
 * The canonical request and response: OpenAI Chat Completions, as generated from specs/openai.yaml.
 * Every inbound dialect converts to these and every family converts from them.
 */
import type { components as CanonicalComponents } from '../../generated/canonical/schema';
import type { components } from '../../generated/openai/schema';
import type { PullableFlow } from './flow';

type Schemas = components['schemas'];
export type ChatRequest = Schemas['CreateChatCompletionRequest'];
export type ChatMessage = Schemas['ChatCompletionRequestMessage'];
export type ChatResponse = Schemas['CreateChatCompletionResponse'];
export type ChatResponseMessage = Schemas['ChatCompletionResponseMessage'];
export type ChatChunk = Schemas['CreateChatCompletionStreamResponse'];
export type ChatChunkDelta = Schemas['ChatCompletionStreamResponseDelta'];
export type Usage = Schemas['CompletionUsage'];
export type FinishReason = Schemas['FinishReason'];
export type ModelObject = Schemas['Model'];
export type ListModelsResponse = Schemas['ListModelsResponse'];
export type ReasoningEffort = NonNullable<Schemas['ReasoningEffort']>;
export type EmbeddingRequest = Schemas['CreateEmbeddingRequest'];
export type EmbeddingResponse = Schemas['CreateEmbeddingResponse'];

/**
 * What a family returns for one chat call: a whole completion, or its chunks as they arrive, in
 * batches: the chunks of one upstream read travel together, so that one read is one write.
 */
export type ChatResult =
  | { readonly kind: 'completion'; readonly body: ChatResponse }
  | { readonly kind: 'stream'; readonly chunks: PullableFlow<ChatChunk[]> };

/**
 * What the canonical request carries beyond OpenAI's fields (specs/canonical.yaml), so a richer
 * dialect (Anthropic Messages, OpenAI Responses) reaches a family without loss. All optional: an
 * OpenAI or Ollama request is a canonical request as it is.
 */
type Extensions = CanonicalComponents['schemas'];
export type RequestExtensions = Extensions['CanonicalRequestExtensions'];
export type AssistantExtensions = Extensions['CanonicalAssistantExtensions'];
export type ToolMessageExtensions = Extensions['CanonicalToolMessageExtensions'];
export type ContentPartExtensions = Extensions['CanonicalContentPartExtensions'];
export type ReasoningDetail = Extensions['ReasoningDetail'];
export type CacheControl = Extensions['CacheControl'];
export type AssistantPiece = Extensions['AssistantPiece'];
