import type { ConfiguredProvider } from '../../core/provider';

/** How one provider reaches the Messages API: Anthropic directly, or Claude on Vertex AI. */
export interface AnthropicOptions {
  /** Anthropic's `/v1/messages`, or Vertex AI's rawPredict (the model in the URL, the version in the body) */
  readonly platform: 'anthropic' | 'vertex';
  /** auth headers with this attempt's key, `refresh` asking for fresh ones after a 401; default the key as `x-api-key` */
  readonly auth?: (provider: ConfiguredProvider, key: string | undefined, refresh: boolean) => Promise<Record<string, string>>;
  /** retry a 401 once with fresh credentials (OAuth tokens) */
  readonly refreshOn401?: boolean;
  /** download http(s) image URLs and send them inline (the endpoint takes no URL sources) */
  readonly inlineImageUrls?: boolean;
}
