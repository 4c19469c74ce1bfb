/**
 * `<PREFIX>_MODELS`: a comma list whose entries are `name` or `alias=upstream-id`. Colons belong
 * to model names (`llama3.2:1b`), so only `=` separates an alias.
 */
export interface ModelListEntry {
  readonly id: string;
  readonly upstream: string;
}

export function parseModelList(value: string): ModelListEntry[] {
  const entries: ModelListEntry[] = [];
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq === -1) {
      entries.push({ id: item, upstream: item });
      continue;
    }
    const id = item.slice(0, eq).trim();
    const upstream = item.slice(eq + 1).trim();
    if (id && upstream) entries.push({ id, upstream });
  }
  return entries;
}
