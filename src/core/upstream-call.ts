/** What the generated typed clients (`generated/<api>/client.ts`) return: `fetch(call.url, call.init)` sends it. */
export interface UpstreamCall {
  url: string;
  init: RequestInit & { method: string; headers: Record<string, string> };
}

/** Optional header parameters left unset must not reach fetch as the string "undefined". */
export const definedOnly = (headers: Record<string, string | undefined> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
