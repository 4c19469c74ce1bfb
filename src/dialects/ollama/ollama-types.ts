/** The Ollama dialect's wire types, as generated from specs/ollama.yaml. */
import type { components } from '../../../generated/ollama/schema';

type Schemas = components['schemas'];
export type OllamaChatRequest = Schemas['ChatRequest'];
export type OllamaChatResponse = Schemas['ChatResponse'];
export type OllamaGenerateRequest = Schemas['GenerateRequest'];
export type OllamaGenerateResponse = Schemas['GenerateResponse'];
export type OllamaMessage = Schemas['Message'];
export type OllamaToolCall = Schemas['ToolCall'];
export type OllamaModelOptions = Schemas['ModelOptions'];
export type OllamaModelDetails = Schemas['ModelDetails'];
export type OllamaModelSummary = Schemas['ModelSummary'];
export type OllamaRunningModel = Schemas['RunningModel'];
export type OllamaTagsResponse = Schemas['TagsResponse'];
export type OllamaPsResponse = Schemas['PsResponse'];
export type OllamaShowRequest = Schemas['ShowRequest'];
export type OllamaShowResponse = Schemas['ShowResponse'];
export type OllamaEmbedRequest = Schemas['EmbedRequest'];
export type OllamaEmbedResponse = Schemas['EmbedResponse'];
export type OllamaEmbeddingsRequest = Schemas['EmbeddingsRequest'];
export type OllamaEmbeddingsResponse = Schemas['EmbeddingsResponse'];
export type OllamaVersionResponse = Schemas['VersionResponse'];
export type OllamaErrorResponse = Schemas['ErrorResponse'];
