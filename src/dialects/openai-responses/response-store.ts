/**
 * Where responses are kept when `RESPONSES_STORE` is set, so that `previous_response_id`,
 * `item_reference` and `GET /v1/responses/{id}` work: a bounded map in this process (`memory`, for
 * Node), or a Workers KV namespace named by its binding. Each response is kept with the
 * conversation it answered, and each of its output items (and of the input items the request
 * added, when they carry an id) under its own id, since an `item_reference` names an item only.
 * Entries expire after `RESPONSES_STORE_TTL` seconds. Without a store the proxy is stateless, and
 * clients send the whole conversation (Codex does).
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
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
  /** an item of a stored response's output, or of the input that asked for it, by its own id */
  getItem(id: string): Promise<InputItem | undefined>;
  /** `added`: the input items this request brought (not the stored conversation it continued) */
  put(stored: StoredResponse, added: readonly InputItem[]): Promise<void>;
}

/** The items a response makes referable: the new input's and the output's, those with an id. */
const referable = (stored: StoredResponse, added: readonly InputItem[]): Array<[string, InputItem]> =>
  [...added, ...(stored.response.output as InputItem[])].flatMap((item) => {
    const id = (item as { id?: unknown }).id;
    return typeof id === 'string' ? [[id, item] as [string, InputItem]] : [];
  });

/** The part of a Workers KV namespace the store uses. */
interface KvNamespace {
  get(key: string, type: 'json'): Promise<unknown>;
  put(key: string, value: string, options: { expirationTtl: number }): Promise<void>;
}

const isKv = (value: unknown): value is KvNamespace =>
  typeof (value as KvNamespace | undefined)?.get === 'function' && typeof (value as KvNamespace | undefined)?.put === 'function';

/** Enough for many sessions' turns; the oldest entry goes first when it is full. */
const MEMORY_ENTRIES = 1000;
/** A response has a few items: room for those of every kept response. */
const MEMORY_ITEMS = 10 * MEMORY_ENTRIES;

/** A map that forgets an entry after its time, and its oldest entry when full. */
class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
  }
}

class MemoryStore implements ResponseStore {
  private readonly responses: ExpiringMap<StoredResponse>;
  private readonly items: ExpiringMap<InputItem>;

  constructor(ttlMs: number) {
    this.responses = new ExpiringMap(ttlMs, MEMORY_ENTRIES);
    this.items = new ExpiringMap(ttlMs, MEMORY_ITEMS);
  }

  async get(id: string): Promise<StoredResponse | undefined> {
    return this.responses.get(id);
  }

  async getItem(id: string): Promise<InputItem | undefined> {
    return this.items.get(id);
  }

  async put(stored: StoredResponse, added: readonly InputItem[]): Promise<void> {
    this.responses.set(stored.response.id, stored);
    for (const [id, item] of referable(stored, added)) this.items.set(id, item);
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

  async getItem(id: string): Promise<InputItem | undefined> {
    return ((await this.kv.get(`item:${id}`, 'json')) as InputItem | null) ?? undefined;
  }

  async put(stored: StoredResponse, added: readonly InputItem[]): Promise<void> {
    const options = { expirationTtl: this.ttlSeconds };
    await Promise.all([
      this.kv.put(`response:${stored.response.id}`, JSON.stringify(stored), options),
      ...referable(stored, added).map(([id, item]) => this.kv.put(`item:${id}`, JSON.stringify(item), options)),
    ]);
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
