import type { ConfiguredProvider, ModelInfo } from '../../core/provider';
import type { GeminiCountTokensRequest, GeminiRequest } from './types';

/** How one provider reaches generateContent: AI Studio with a key, or Vertex AI with OAuth. */
export interface GeminiOptions {
  /** URL of the call for this model; `stream` selects streamGenerateContent with alt=sse */
  readonly url: (provider: ConfiguredProvider, model: ModelInfo, stream: boolean) => string;
  /** auth headers with this attempt's key; `refresh` asks for fresh credentials after a 401 */
  readonly auth: (provider: ConfiguredProvider, key: string | undefined, refresh: boolean) => Promise<Record<string, string>>;
  readonly refreshOn401?: boolean;
  /** the countTokens call for a request: AI Studio and Vertex AI shape its body differently */
  readonly countTokens: (
    provider: ConfiguredProvider,
    model: ModelInfo,
    request: GeminiRequest,
  ) => { url: string; body: GeminiCountTokensRequest };
  /** where embeddings go: AI Studio's batchEmbedContents or Vertex AI's text embeddings predict */
  readonly embeddings: { readonly wire: GeminiEmbeddingsWire; readonly url: (provider: ConfiguredProvider, model: ModelInfo) => string };
}

export type GeminiEmbeddingsWire = 'batchEmbedContents' | 'predict';
