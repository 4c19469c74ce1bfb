import type { ChatRequestDecisions } from '../../generated/mappings/chat-request';
import type { ProxyError } from './errors';
import type { Secrets } from './secrets';
import type { ChatRequest, ChatResult, EmbeddingRequest, EmbeddingResponse, Usage } from './types';
import type { UpstreamResponse } from './upstream-transport';

export interface ModelCapabilities {
  /** native JSON-schema output (Anthropic `output_config.format`); otherwise a forced tool stands in */
  readonly structuredOutputs?: boolean;
  readonly tools?: boolean;
  readonly vision?: boolean;
  readonly reasoning?: boolean;
  readonly embedding?: boolean;
}

/** A built-in catalog entry. */
export interface ModelEntry extends ModelCapabilities {
  readonly id: string;
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  /** a family name for Ollama's `details.family`, e.g. `llama` */
  readonly family?: string;
}

/** A model as one configured provider serves it. */
export interface ModelInfo extends ModelEntry {
  /** the id sent upstream (an Azure deployment, or the target of an `alias=upstream` entry) */
  readonly upstream: string;
}

/** Reads configuration: the first non-empty value among the names given. */
export type EnvReader = (...names: readonly string[]) => string | undefined;

export interface ProviderEnv {
  /** variables holding the provider key, first set wins (original spelling first) */
  readonly key?: readonly string[];
  /** the provider works without a key once its base URL is set (Ollama) */
  readonly keyOptional?: boolean;
  readonly baseUrl?: readonly string[];
  /** `<PREFIX>_MODELS`: replaces the built-in list */
  readonly models?: readonly string[];
}

/** Settings a provider derives from the environment beyond key, base URL and models. */
export interface ProviderSetup {
  readonly baseUrl?: string;
  readonly models?: readonly ModelInfo[];
  readonly settings?: Readonly<Record<string, string>>;
  /** values that must never reach a client or a log */
  readonly secrets?: readonly string[];
}

export interface ProviderDefinition<Options = unknown> {
  readonly id: string;
  readonly name: string;
  readonly family: Family<Options>;
  readonly options: Options;
  readonly env: ProviderEnv;
  readonly defaultBaseUrl?: string;
  readonly models: readonly ModelEntry[];
  /** rule 3 of routing: model names this provider takes when no catalog entry matches */
  readonly patterns?: readonly RegExp[];
  /** the provider's own id for a model the client named another way (Vertex's `@` dates) */
  readonly modelId?: (name: string) => string;
  /** where this provider departs from its family's field decisions */
  readonly fields?: Partial<ChatRequestDecisions>;
  /** the environment variable named when the upstream rejects the provider key */
  readonly keyHint?: string;
  /** extra set-up from the environment; returning null means "not configured" */
  readonly setup?: (read: EnvReader, bindings: Readonly<Record<string, unknown>>) => ProviderSetup | null;
}

/** How much the proxy reads from upstreams and fetches on a client's behalf (the same for every provider). */
export interface UpstreamLimits {
  /** largest non-streamed reply read whole (UPSTREAM_MAX_BODY_BYTES) */
  readonly maxBodyBytes: number;
  readonly images: ImagePolicy;
}

/** Image URLs downloaded for upstreams that take only inline images. */
export interface ImagePolicy {
  /** ALLOW_PRIVATE_IMAGE_URLS: also fetch loopback, private and link-local destinations */
  readonly allowPrivate: boolean;
  /** MAX_IMAGE_BYTES */
  readonly maxBytes: number;
}

export interface ConfiguredProvider<Options = unknown> {
  readonly def: ProviderDefinition<Options>;
  readonly id: string;
  /** the provider's keys; dispatch picks one per attempt */
  readonly keys: readonly string[];
  readonly baseUrl: string;
  readonly models: readonly ModelInfo[];
  readonly settings: Readonly<Record<string, string>>;
  readonly bindings: Readonly<Record<string, unknown>>;
  /** field decisions of the family with the provider's overrides applied */
  readonly fields: ChatRequestDecisions;
  readonly secrets: readonly string[];
  readonly limits: UpstreamLimits;
}

export interface ChatCall<Options = unknown> {
  readonly provider: ConfiguredProvider<Options>;
  readonly model: ModelInfo;
  readonly request: ChatRequest;
  /** the provider key this attempt uses (undefined for keyless providers and OAuth) */
  readonly key: string | undefined;
  /** the client wants a usage chunk at the end of the stream */
  readonly includeUsage: boolean;
  readonly signal: AbortSignal | undefined;
  readonly secrets: Secrets;
  /** the client's request headers, for the few a family forwards (`anthropic-beta`) */
  readonly inboundHeaders?: Headers;
}

/**
 * What a stream's translator keeps of its call for as long as the stream is open: not the
 * request, which a long conversation makes large and which an open stream would otherwise hold.
 */
export type StreamCall<Options = unknown> = Pick<ChatCall<Options>, 'provider' | 'model' | 'secrets' | 'includeUsage'>;

export interface EmbedCall<Options = unknown> {
  readonly provider: ConfiguredProvider<Options>;
  readonly model: ModelInfo;
  readonly request: EmbeddingRequest;
  readonly key: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly secrets: Secrets;
}

/** Which of the client's operations a pass-through sends: Messages or its token count, or OpenAI's Responses. */
export type PassThroughOperation = 'messages' | 'count_tokens' | 'responses';

/**
 * One attempt of a pass-through: the client speaks the family's own wire, so its body goes
 * upstream as it is apart from routing, and the upstream's answer comes back as it is.
 */
export interface PassThroughCall<Options = unknown> {
  readonly provider: ConfiguredProvider<Options>;
  readonly model: ModelInfo;
  readonly operation: PassThroughOperation;
  readonly body: Readonly<Record<string, unknown>>;
  /** the client's own JSON of `body`, where `body` is exactly what it sent */
  readonly text?: string | undefined;
  readonly key: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly secrets: Secrets;
  readonly inboundHeaders: Headers;
}

/** A family that can take a dialect's body unchanged; `wire` names that dialect. */
export interface PassThrough<Options = unknown> {
  readonly wire: 'anthropic-messages' | 'openai-responses';
  /** whether this provider of the family speaks that wire (only OpenAI and Azure serve Responses); default all */
  serves?(provider: ConfiguredProvider<Options>): boolean;
  /** the upstream's successful response, body unread; a failure throws the ProxyError dispatch retries on */
  send(call: PassThroughCall<Options>): Promise<UpstreamResponse>;
  /** a reader of that response's body for the little dispatch needs to know, the bytes left as they are */
  watch(response: UpstreamResponse, call: PassThroughCall<Options>): PassedThroughWatcher;
}

/**
 * What dispatch learns from a passed-through body as it goes by: whether the answer has begun (an
 * error before that is retried, as the client has seen nothing), the upstream's in-stream error,
 * and the usage for the access log. It reads each chunk before the chunk is handed on, never
 * changes it, never throws, and holds none of the body.
 */
export interface PassedThroughWatcher {
  read(chunk: Uint8Array): void;
  readonly answering: boolean;
  readonly error: ProxyError | undefined;
  usage(): Usage | undefined;
}

/**
 * A wire family: how to talk to every provider that speaks one upstream API. One call is one
 * attempt: retries, fallbacks, timeouts and key choice are dispatch's (src/dispatch/).
 */
export interface Family<Options = unknown> {
  readonly id: string;
  readonly fields: ChatRequestDecisions;
  chat(call: ChatCall<Options>): Promise<ChatResult>;
  /** only where the upstream API has embeddings; without it an embedding request gets a 400 */
  embed?(call: EmbedCall<Options>): Promise<EmbeddingResponse>;
  /** the prompt tokens of a request by the upstream's own count, where it has a counting call (no generation) */
  countTokens?(call: ChatCall<Options>): Promise<number>;
  /** only where a dialect speaks the upstream's own wire */
  readonly passThrough?: PassThrough<Options>;
}

export function defineProvider<Options>(def: ProviderDefinition<Options>): ProviderDefinition<Options> {
  return def;
}
