import type { ConfiguredProvider, ModelInfo } from '../../core/provider';
import type { ReasoningEffort } from '../../core/types';
import type { UpstreamTransport } from '../../core/upstream-transport';

/** Where a provider departs from plain OpenAI on the wire; every member is optional. */
export interface OpenAICompatibleOptions {
  /** base URL and query of the chat call; default `{baseUrl}/chat/completions` */
  readonly target?: (provider: ConfiguredProvider, model: ModelInfo) => { baseUrl: string; query?: string };
  /** base URL and query of the provider's own Responses API; only providers that have one (OpenAI, Azure) */
  readonly responsesTarget?: (provider: ConfiguredProvider, model: ModelInfo) => { baseUrl: string; query?: string };
  /** a transport other than the network (the Workers AI binding); default the runtime's */
  readonly fetchVia?: (provider: ConfiguredProvider) => UpstreamTransport | undefined;
  /** headers that carry the key; default `Authorization: Bearer <key>` */
  readonly auth?: (key: string) => Record<string, string>;
  /**
   * fields outside the OpenAI spec (a vendor's `top_k`, `enable_thinking`) go upstream (default
   * true); OpenAI and Azure refuse any argument they do not know
   */
  readonly vendorExtras?: boolean;
  /** the upstream accepts `stream_options` (default true) */
  readonly streamOptions?: boolean;
  /** the output limit field the upstream reads for this model (default: whichever the client sent) */
  readonly maxTokensField?: (model: ModelInfo) => 'max_tokens' | 'max_completion_tokens';
  /** body fields expressing a reasoning effort; undefined drops it */
  readonly reasoningEffort?: (effort: ReasoningEffort, model: ModelInfo) => Record<string, unknown> | undefined;
  /** content parts (system ones too) and tool definitions keep their `cache_control` marks for this model (OpenRouter's Claude); default dropped */
  readonly cacheControl?: (model: ModelInfo) => boolean;
  /** assistant `reasoning_content` is sent back upstream (DeepSeek and Kimi tool loops need it) */
  readonly echoReasoningContent?: boolean;
  readonly temperatureMax?: number;
  /** the upstream must stream this request (thinking on DashScope); the proxy collects it when the client did not ask to stream */
  readonly mustStream?: (body: Readonly<Record<string, unknown>>, model: ModelInfo) => boolean;
  /** request fields that reasoning models of this provider reject with an error */
  readonly reasoningModelsReject?: readonly string[];
}
