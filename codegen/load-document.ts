/** Reads an OpenAPI document (YAML or JSON) from a file or an http(s) URL. */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

export const isUrl = (source: string): boolean => /^https?:\/\//.test(source);

export async function loadText(source: string): Promise<string> {
  if (!isUrl(source)) return readFile(source, 'utf8');
  const response = await fetch(source, { headers: { 'user-agent': 'llm-api-proxy specs:check' } });
  if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
  return response.text();
}

export async function loadDocument(source: string): Promise<Record<string, unknown>> {
  return parse(await loadText(source), { maxAliasCount: -1 }) as Record<string, unknown>;
}
