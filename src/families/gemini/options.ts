import type { ConfiguredProvider } from '../../core/provider';

/** How one provider reaches Gemini: AI Studio with a key, or Vertex AI with OAuth. */
export interface GeminiOptions {
  /**
   * AI Studio's `v1beta/models/{model}:*` operations (embeddings by batchEmbedContents), or Vertex
   * AI's `projects/{project}/locations/{region}/publishers/google/models/{model}:*` (embeddings by
   * the text embeddings predict)
   */
  readonly platform: 'ai-studio' | 'vertex';
  /** auth headers with this attempt's key, `refresh` asking for fresh ones after a 401; default the key as `x-goog-api-key` */
  readonly auth?: (provider: ConfiguredProvider, key: string | undefined, refresh: boolean) => Promise<Record<string, string>>;
  readonly refreshOn401?: boolean;
}
