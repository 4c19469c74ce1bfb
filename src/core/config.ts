/**
 * Configuration from the environment (Workers vars and secrets, or process.env plus .dev.vars on
 * Node). Read once per environment object and cached: nothing here runs per request.
 */
import { buildCatalog, type Catalog } from './catalog';
import { readGatewaySettings, type GatewaySettings } from './gateway-settings';
import { parseModelList } from './parse-model-list';
import type { ConfiguredProvider, EnvReader, ModelEntry, ModelInfo, ProviderDefinition, UpstreamLimits } from './provider';
import { Secrets } from './secrets';

export interface Config {
  readonly apiKeys: readonly string[];
  /** `*`, a list of allowed origins, or null for no CORS headers */
  readonly corsOrigins: '*' | readonly string[] | null;
  readonly maxBodyBytes: number;
  readonly providers: readonly ConfiguredProvider[];
  readonly catalog: Catalog;
  /** every secret value: scrubbed from anything that reaches a client or a log */
  readonly secrets: Secrets;
  readonly gateway: GatewaySettings;
  /** the runtime's bindings (Workers KV namespaces, the AI binding): every value of the environment that is not a string */
  readonly bindings: Readonly<Record<string, unknown>>;
}

export type Env = Readonly<Record<string, unknown>>;

const MIB = 1024 * 1024;
const DEFAULT_MAX_BODY_BYTES = 32 * MIB;
const DEFAULT_UPSTREAM_MAX_BODY_BYTES = 64 * MIB;
const DEFAULT_MAX_IMAGE_BYTES = 20 * MIB;

export function envReader(env: Env): EnvReader {
  return (...names) => {
    for (const name of names) {
      const value = env[name];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
    return undefined;
  };
}

const list = (value: string | undefined): string[] =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

function modelsFromEnv(def: ProviderDefinition, read: EnvReader): ModelInfo[] {
  const known = new Map<string, ModelEntry>(def.models.map((m) => [m.id, m]));
  const value = def.env.models ? read(...def.env.models) : undefined;
  if (!value) return def.models.map((m) => ({ ...m, upstream: m.id }));
  return parseModelList(value).map(({ id, upstream }) => ({ ...(known.get(upstream) ?? {}), id, upstream }));
}

const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

function upstreamLimits(read: EnvReader): UpstreamLimits {
  return {
    maxBodyBytes: positive(read('UPSTREAM_MAX_BODY_BYTES'), DEFAULT_UPSTREAM_MAX_BODY_BYTES),
    images: {
      allowPrivate: read('ALLOW_PRIVATE_IMAGE_URLS')?.toLowerCase() === 'true',
      maxBytes: positive(read('MAX_IMAGE_BYTES'), DEFAULT_MAX_IMAGE_BYTES),
    },
  };
}

function configureProvider(def: ProviderDefinition, env: Env, read: EnvReader, limits: UpstreamLimits): ConfiguredProvider | null {
  // A key variable may hold a comma list: dispatch rotates across them.
  const keys = def.env.key ? list(read(...def.env.key)) : [];
  const baseOverride = def.env.baseUrl ? read(...def.env.baseUrl) : undefined;
  const bindings: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'object' && value !== null) bindings[name] = value;
  const setup = def.setup ? def.setup(read, bindings) : {};
  if (setup === null) return null;
  if (!def.setup) {
    if (def.env.keyOptional ? !baseOverride : keys.length === 0) return null;
  }
  const baseUrl = (setup.baseUrl ?? baseOverride ?? def.defaultBaseUrl ?? '').replace(/\/+$/, '');
  if (!baseUrl) return null;
  return {
    def,
    id: def.id,
    keys,
    baseUrl,
    models: setup.models ?? modelsFromEnv(def, read),
    settings: setup.settings ?? {},
    bindings,
    fields: { ...def.family.fields, ...def.fields },
    secrets: [...keys, ...(setup.secrets ?? [])],
    limits,
  };
}

/** The config for one environment; `definitions` are the providers that exist, in routing order. */
export function buildConfig(env: Env, definitions: readonly ProviderDefinition[]): Config {
  const read = envReader(env);
  const limits = upstreamLimits(read);
  const providers = definitions.map((def) => configureProvider(def, env, read, limits)).filter((p): p is ConfiguredProvider => p !== null);
  const cors = read('CORS_ORIGIN');
  const secrets = new Secrets([...list(read('API_KEY')), ...providers.flatMap((p) => p.secrets)]);
  return {
    apiKeys: list(read('API_KEY')),
    corsOrigins: cors === undefined ? null : cors === '*' ? '*' : list(cors),
    maxBodyBytes: positive(read('MAX_BODY_BYTES'), DEFAULT_MAX_BODY_BYTES),
    providers,
    catalog: buildCatalog(providers, definitions),
    secrets,
    gateway: readGatewaySettings(read),
    bindings: Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === 'object' && value !== null)),
  };
}

const cache = new WeakMap<object, Config>();

/** The config for this environment object, built on first use (Workers reuse `env` per isolate). */
export function configFor(env: Env, definitions: readonly ProviderDefinition[]): Config {
  let config = cache.get(env);
  if (!config) {
    config = buildConfig(env, definitions);
    cache.set(env, config);
  }
  return config;
}
