import type { ChatRequestDecisions } from '../../generated/mappings/chat-request';
import type { ChatRequest, ChatResult, EmbeddingRequest, EmbeddingResponse } from './types';

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
  readonly secrets: readonly string[];
  /** the client's request headers, for the few a family forwards (`anthropic-beta`) */
  readonly inboundHeaders?: Headers;
}

export interface EmbedCall<Options = unknown> {
  readonly provider: ConfiguredProvider<Options>;
  readonly model: ModelInfo;
  readonly request: EmbeddingRequest;
  readonly key: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly secrets: readonly string[];
}

/** A vendor API the proxy can hand a client's body to unchanged (OpenAI's Responses). */
export type PassThroughOperation = 'responses';

export interface PassThroughCall<Options = unknown> {
  readonly provider: ConfiguredProvider<Options>;
  readonly model: ModelInfo;
  readonly operation: PassThroughOperation;
  /** the client's body, `model` already the upstream id */
  readonly body: Readonly<Record<string, unknown>>;
  readonly key: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly secrets: readonly string[];
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
  /** whether this provider serves the operation natively (only OpenAI and Azure serve Responses) */
  passesThrough?(provider: ConfiguredProvider<Options>, operation: PassThroughOperation): boolean;
  /** the operation's upstream answer as it is (status 2xx; errors are thrown as for chat) */
  passThrough?(call: PassThroughCall<Options>): Promise<Response>;
}

export function defineProvider<Options>(def: ProviderDefinition<Options>): ProviderDefinition<Options> {
  return def;
}
