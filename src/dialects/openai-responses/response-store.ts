/**
 * Where responses are kept when `RESPONSES_STORE` is set, so that `previous_response_id` and
 * `GET /v1/responses/{id}` work: a bounded map in this process (`memory`, for Node), or a Workers
 * KV namespace named by its binding. Entries expire after `RESPONSES_STORE_TTL` seconds. Without
 * a store the proxy is stateless, and clients send the whole conversation (Codex does).
 */
import type { Config } from '../../core/config';
import type { InputItem, ResponseObject } from './responses-types';

export interface StoredResponse {
  readonly response: ResponseObject;
  /** the conversation the response answered, as input items (the stored chain it continued included) */
  readonly input: InputItem[];
}

export interface ResponseStore {
  get(id: string): Promise<StoredResponse | undefined>;
  put(stored: StoredResponse): Promise<void>;
}

/** The part of a Workers KV namespace the store uses. */
interface KvNamespace {
  get(key: string, type: 'json'): Promise<unknown>;
  put(key: string, value: string, options: { expirationTtl: number }): Promise<void>;
}

const isKv = (value: unknown): value is KvNamespace =>
  typeof (value as KvNamespace | undefined)?.get === 'function' && typeof (value as KvNamespace | undefined)?.put === 'function';

/** Enough for many sessions' turns; the oldest entry goes first when it is full. */
const MEMORY_ENTRIES = 1000;

class MemoryStore implements ResponseStore {
  private readonly entries = new Map<string, { stored: StoredResponse; expiresAt: number }>();

  constructor(private readonly ttlMs: number) {}

  async get(id: string): Promise<StoredResponse | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.stored;
    this.entries.delete(id);
    return undefined;
  }

  async put(stored: StoredResponse): Promise<void> {
    if (this.entries.size >= MEMORY_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(stored.response.id, { stored, expiresAt: Date.now() + this.ttlMs });
  }
}

class KvStore implements ResponseStore {
  constructor(
    private readonly kv: KvNamespace,
    private readonly ttlSeconds: number,
  ) {}

  async get(id: string): Promise<StoredResponse | undefined> {
    return ((await this.kv.get(`response:${id}`, 'json')) as StoredResponse | null) ?? undefined;
  }

  async put(stored: StoredResponse): Promise<void> {
    await this.kv.put(`response:${stored.response.id}`, JSON.stringify(stored), { expirationTtl: this.ttlSeconds });
  }
}

export type StoreLookup = { readonly store: ResponseStore } | { readonly store: undefined; readonly why: string };

const STATELESS =
  'The proxy is stateless: set RESPONSES_STORE=memory (Node) or RESPONSES_STORE=<KV namespace binding> (Workers) to keep responses, or send the whole conversation as input with store: false.';

const stores = new WeakMap<Config, StoreLookup>();

/** The store of this config, made once (a memory store lives as long as the config). */
export function responseStoreOf(config: Config): StoreLookup {
  let lookup = stores.get(config);
  if (!lookup) {
    const { responsesStore: name, responsesStoreTtlSeconds: ttl } = config.gateway;
    const binding = name ? config.bindings[name] : undefined;
    if (isKv(binding)) lookup = { store: new KvStore(binding, ttl) };
    else if (name?.toLowerCase() === 'memory') lookup = { store: new MemoryStore(ttl * 1000) };
    else if (name)
      lookup = {
        store: undefined,
        why: `RESPONSES_STORE=${name} is neither \`memory\` nor a KV namespace binding of this Worker. ${STATELESS}`,
      };
    else lookup = { store: undefined, why: STATELESS };
    stores.set(config, lookup);
  }
  return lookup;
}
