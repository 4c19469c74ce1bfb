/**
 * What `npm run specs:check` compares, one row per upstream document. A spec added to `specs/`
 * needs a row here (a test says so); a vendor without a published document gets a row that says
 * how it is followed instead.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_API_VERSION } from '../src/providers/azure';
import { apiVersionDrift, stableVersions } from './azure-api-version';
import { loadDocument, loadText } from './load-document';
import { specDrift, type Drift } from './spec-drift';

export interface UpstreamDocument {
  name: string;
  /** our subset under specs/, for rows that compare one */
  spec?: string;
  /** the reviewed copy, under ../shared/upstream-specs/ (see its SOURCES.md) */
  shared?: string;
  /** where the vendor publishes the current document; a function when the URL must be looked up */
  live?: string | (() => Promise<string>);
  /** why there is nothing to compare, and how the vendor is followed instead */
  followedBy?: string;
  /** the drift between our side and the document at `source` */
  check?: (source: string, root: string) => Promise<Drift[]>;
}

const subset = (name: string, shared: string, live: UpstreamDocument['live']): UpstreamDocument => ({
  name,
  spec: `specs/${name}.yaml`,
  shared,
  live,
  check: async (source, root) => specDrift(await loadDocument(join(root, 'specs', `${name}.yaml`)), await loadDocument(source)),
});

/** Anthropic publishes its document through Stainless; the SDK's `.stats.yml` names the current file. */
async function anthropicSpecUrl(): Promise<string> {
  const stats = await loadText('https://raw.githubusercontent.com/anthropics/anthropic-sdk-typescript/main/.stats.yml');
  const url = /^openapi_spec_url:\s*(\S+)/m.exec(stats)?.[1];
  if (!url) throw new Error('anthropic-sdk-typescript .stats.yml names no openapi_spec_url');
  return url;
}

export const upstreamDocuments: UpstreamDocument[] = [
  subset('openai', 'openai/openapi.yaml', 'https://raw.githubusercontent.com/openai/openai-openapi/main/openapi.yaml'),
  subset('anthropic', 'anthropic/openapi.yaml', anthropicSpecUrl),
  subset('gemini', 'google-gemini/openapi.json', 'https://generativelanguage.googleapis.com/$discovery/OPENAPI3_0?version=v1beta'),
  subset('ollama', 'ollama/openapi.yaml', 'https://raw.githubusercontent.com/ollama/ollama/main/docs/openapi.yaml'),
  subset(
    'cohere',
    'cohere/cohere-openapi.yaml',
    'https://raw.githubusercontent.com/cohere-ai/cohere-developer-experience/main/cohere-openapi.yaml',
  ),
  {
    name: 'azure',
    shared: 'azure-openai/stable',
    live: 'https://api.github.com/repos/Azure/azure-rest-api-specs/contents/specification/cognitiveservices/data-plane/AzureOpenAI/inference/stable',
    check: async (source) => apiVersionDrift(DEFAULT_API_VERSION, await stableVersions(source)),
  },
  {
    name: 'canonical',
    spec: 'specs/canonical.yaml',
    followedBy:
      "Ours alone: the canonical request's extensions (top_k, is_error, reasoning replay, cache_control) that no vendor publishes; they follow the dialects that carry them",
  },
  {
    name: 'coze',
    spec: 'specs/coze.yaml',
    followedBy:
      'Coze publishes no OpenAPI document: its chat API is followed by hand from the Coze API reference and changelog, and its contract fixtures (see docs/maintaining.md)',
  },
];

/** A subset row whose spec we do not have yet (Cohere before its family lands) has nothing to check. */
export const applies = (row: UpstreamDocument, root: string): boolean => !row.spec || existsSync(join(root, row.spec));
