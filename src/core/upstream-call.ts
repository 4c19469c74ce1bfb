/**
 * What the generated typed clients (`generated/<api>/client.ts`) return: one upstream call with its
 * body serialized once, in the shape `sendUpstream` takes (no Request object is built), typed with
 * the JSON reply its operation declares.
 */
export interface UpstreamCall<Reply = unknown> {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly auth: (refresh: boolean) => Promise<Record<string, string>>;
  /** never set: carries the operation's reply type to `readUpstreamJson` */
  readonly reply?: Reply;
}

/** What `sendUpstream` sends: a POST with its body. */
export interface UpstreamPostCall<Reply = unknown> extends UpstreamCall<Reply> {
  readonly method: 'POST';
  readonly body: string;
}

/**
 * The credential of a call: a key, sent as the spec's security scheme says, or the headers of a
 * provider that authenticates otherwise (Azure's `api-key`, Vertex AI's OAuth token, refreshed
 * when `refresh` asks).
 */
export type Credential = string | ((refresh: boolean) => Promise<Record<string, string>>);

/** The typed body, or one already serialized (a pass-through forwards the client's fields, known or not). */
export type JsonBody<Body> = { readonly body: Body } | { readonly json: string };

export const serialize = <Body>(args: JsonBody<Body>): string => ('json' in args ? args.json : JSON.stringify(args.body));

/** Optional header parameters left unset must not go upstream as the string "undefined". */
export const definedOnly = (headers: Record<string, string | undefined> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).filter((e): e is [string, string] => e[1] !== undefined));

/** The query of the spec's parameters, then a provider's own (Azure's api-version), as it is. */
export function withQuery(url: string, query: Record<string, string | undefined> | undefined, search: string | undefined): string {
  if (!query && !search) return url;
  const parts = query ? Object.entries(definedOnly(query)).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`) : [];
  if (search) parts.push(search);
  return parts.length > 0 ? `${url}?${parts.join('&')}` : url;
}

type ProviderAuth<P> = (provider: P, key: string | undefined, refresh: boolean) => Promise<Record<string, string>>;

/** A provider's own auth when it declares one (Vertex AI's OAuth), else its key for the spec's scheme. */
export const providerCredential = <P>(provider: P, key: string | undefined, auth: ProviderAuth<P> | undefined): Credential =>
  auth ? (refresh) => auth(provider, key, refresh) : (key ?? '');

/** The project and region of a Vertex AI provider (its setup requires both) as the path parameters of its operations. */
export function vertexLocation(settings: Readonly<Record<string, string | undefined>>): { project: string; location: string } {
  return { project: settings.project ?? '', location: settings.region ?? '' };
}
