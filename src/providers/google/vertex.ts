/**
 * Vertex AI access shared by Claude and Gemini on Vertex: one service account, region and
 * project (the original proxy's VERTEX_ANTROPIC_* variables), the regional host, and OAuth.
 */
import type { ConfiguredProvider, EnvReader } from '../../core/provider';
import { googleAccessToken } from './service-account-token';

// The original proxy spelled them VERTEX_ANTROPIC_*; both spellings work.
export const VERTEX_VARS = {
  clientEmail: ['VERTEX_ANTROPIC_GOOGLE_SA_CLIENT_EMAIL', 'VERTEX_ANTHROPIC_GOOGLE_SA_CLIENT_EMAIL'],
  privateKey: ['VERTEX_ANTROPIC_GOOGLE_SA_PRIVATE_KEY', 'VERTEX_ANTHROPIC_GOOGLE_SA_PRIVATE_KEY'],
  region: ['VERTEX_ANTROPIC_REGION', 'VERTEX_ANTHROPIC_REGION'],
  project: ['VERTEX_ANTROPIC_PROJECTID', 'VERTEX_ANTHROPIC_PROJECTID', 'VERTEX_ANTHROPIC_PROJECT_ID'],
  baseUrl: ['VERTEX_ANTHROPIC_BASE_URL', 'VERTEX_ANTROPIC_BASE_URL'],
  models: ['VERTEX_ANTHROPIC_MODELS', 'VERTEX_ANTROPIC_MODELS'],
  tokenUrl: ['GOOGLE_OAUTH_TOKEN_URL'],
} as const;
export const VERTEX_HINT =
  'VERTEX_ANTROPIC_GOOGLE_SA_CLIENT_EMAIL and VERTEX_ANTROPIC_GOOGLE_SA_PRIVATE_KEY (or their VERTEX_ANTHROPIC_ spelling)';

/** Vertex AI hosts: `global` and the multi-regions `us` and `eu` have their own. */
export function vertexHost(region: string): string {
  if (region === 'global') return 'https://aiplatform.googleapis.com';
  if (region === 'us' || region === 'eu') return `https://aiplatform.${region}.rep.googleapis.com`;
  return `https://${region}-aiplatform.googleapis.com`;
}

/** The service account and location, shared with Gemini on Vertex AI. */
export function vertexSetup(read: EnvReader) {
  const clientEmail = read(...VERTEX_VARS.clientEmail);
  const privateKey = read(...VERTEX_VARS.privateKey);
  const region = read(...VERTEX_VARS.region);
  const project = read(...VERTEX_VARS.project);
  if (!clientEmail || !privateKey || !region || !project) return null;
  return {
    baseUrl: read(...VERTEX_VARS.baseUrl) ?? vertexHost(region),
    settings: {
      clientEmail,
      privateKey,
      region,
      project,
      tokenUrl: read(...VERTEX_VARS.tokenUrl) ?? 'https://oauth2.googleapis.com/token',
    },
    secrets: [privateKey],
  };
}

export async function vertexAuth(
  provider: ConfiguredProvider,
  _key: string | undefined,
  refresh: boolean,
): Promise<Record<string, string>> {
  const { clientEmail = '', privateKey = '', tokenUrl = '' } = provider.settings;
  return { authorization: `Bearer ${await googleAccessToken({ clientEmail, privateKey, tokenUrl, hint: VERTEX_HINT }, refresh)}` };
}
