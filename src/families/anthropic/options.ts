import type { ConfiguredProvider, ModelInfo } from '../../core/provider';
import type { MessagesRequest } from './types';

/** How one provider reaches the Messages API: Anthropic directly, or Claude on Vertex AI. */
export interface AnthropicOptions {
  /** the URL of the call, and the body as this endpoint wants it */
  readonly endpoint: (
    provider: ConfiguredProvider,
    model: ModelInfo,
    stream: boolean,
  ) => { url: string; body: (request: MessagesRequest) => Record<string, unknown> };
  /** the token-counting call (`/v1/messages/count_tokens`, Vertex's `count-tokens:rawPredict`), and its body */
  readonly countTokensEndpoint: (
    provider: ConfiguredProvider,
    model: ModelInfo,
  ) => { url: string; body: (request: Readonly<Record<string, unknown>>) => Record<string, unknown> };
  /** auth headers with this attempt's key; `refresh` asks for fresh credentials after a 401 */
  readonly auth: (provider: ConfiguredProvider, key: string | undefined, refresh: boolean) => Promise<Record<string, string>>;
  /** retry a 401 once with fresh credentials (OAuth tokens) */
  readonly refreshOn401?: boolean;
  /** download http(s) image URLs and send them inline (the endpoint takes no URL sources) */
  readonly inlineImageUrls?: boolean;
}
