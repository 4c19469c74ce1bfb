import type { RequestContext } from '../../core/request-context';
import type { OllamaVersionResponse } from './ollama-types';

// Clients gate features on this (GitHub Copilot refuses anything before 0.6.4); it is an Ollama
// release whose API (think levels, tool_name, /api/show capabilities) the dialect speaks.
export const OLLAMA_VERSION = '0.12.6';

/** GET and HEAD /api/version */
export function version(ctx: RequestContext): Response {
  const body: OllamaVersionResponse = { version: OLLAMA_VERSION };
  return ctx.request.method === 'HEAD' ? new Response(null, { headers: { 'content-type': 'application/json' } }) : Response.json(body);
}
