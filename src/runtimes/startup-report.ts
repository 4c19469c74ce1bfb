/**
 * What a server entry (Node, Bun, Deno) prints once it listens: the address, one line per
 * configured provider with its model count, and a warning for each setting a newcomer is missing,
 * naming the variable to set. Only ids and counts: nothing read from a secret is printed.
 */
import { configFor, type Env } from '../core/config';
import { definitions } from '../providers/definitions';

export interface StartupReport {
  readonly info: readonly string[];
  readonly warnings: readonly string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function startupReport(env: Env, url: string, workers = 1): StartupReport {
  const config = configFor(env, definitions);
  const info = [`llm-api-proxy listening on ${url}${workers > 1 ? ` (${plural(workers, 'worker')})` : ''}`];
  for (const provider of config.providers) info.push(`  ${provider.id}: ${plural(provider.models.length, 'model')}`);
  const warnings: string[] = [];
  if (config.apiKeys.length === 0) {
    warnings.push('API_KEY is not set: every request but GET / will be refused (401). Set API_KEY to a key, or a comma list of keys.');
  }
  if (config.providers.length === 0) {
    const names = [...new Set(definitions.map((d) => d.keyHint ?? d.env.key?.[0]).filter(Boolean))];
    warnings.push(`No provider is configured: no model can be reached. Set the variables of at least one: ${names.join('; ')}.`);
  }
  return { info, warnings };
}

/** Prints the report: the address and providers to stdout, warnings to stderr. */
export function printStartupReport(env: Env, url: string, workers = 1): void {
  const { info, warnings } = startupReport(env, url, workers);
  for (const line of info) console.log(line);
  for (const line of warnings) console.warn(`warning: ${line}`);
}
