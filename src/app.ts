/**
 * The one fetch handler behind every runtime: auth, CORS, routing and error rendering. Routes
 * are registered once at module load; per request only the cached config is looked up.
 */
import { Router, type IRequest } from 'itty-router';
import { authorize, keyFromHeaders } from './core/auth';
import { configFor, type Env } from './core/config';
import { corsHeaders, preflightHeaders } from './core/cors';
import { ProxyError, notFound, toProxyError } from './core/errors';
import { redactSecrets } from './core/redact';
import type { RequestContext } from './core/request-context';
import { chatCompletions } from './dialects/openai/chat-completions';
import { openaiErrorResponse } from './dialects/openai/error-response';
import { listModels, retrieveModel } from './dialects/openai/models';

type Args = [RequestContext];

const router = Router<IRequest, Args>();
for (const base of ['/v1', '']) {
  router.post(`${base}/chat/completions`, (_req, ctx) => chatCompletions(ctx));
  router.get(`${base}/models`, (_req, ctx) => listModels(ctx));
  router.get(`${base}/models/:id+`, (req, ctx) => retrieveModel(ctx, decodeURIComponent(req.params.id ?? '')));
}

const isHealthCheck = (method: string, path: string): boolean => (method === 'GET' || method === 'HEAD') && path === '/';

export async function handle(request: Request, env: Env): Promise<Response> {
  const config = configFor(env);
  const origin = request.headers.get('origin');
  if (request.method === 'OPTIONS') {
    return new Response(null, { status: 204, headers: preflightHeaders(config, origin) ?? {} });
  }
  const log = (error: unknown): void => {
    // Client errors are the client's to read, and a client that left needs no report.
    if ((error instanceof ProxyError && error.status < 500) || request.signal.aborted) return;
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`[proxy] ${request.method} ${new URL(request.url).pathname}: ${redactSecrets(text, config.secrets)}`);
  };
  let response: Response;
  try {
    const path = new URL(request.url).pathname;
    if (isHealthCheck(request.method, path)) {
      response = new Response(request.method === 'HEAD' ? null : 'Ollama is running', {
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    } else {
      authorize(keyFromHeaders(request.headers), config.apiKeys);
      const ctx: RequestContext = { request, config, log };
      response =
        (await router.fetch(request as IRequest, ctx)) ??
        openaiErrorResponse(notFound(`No route for ${request.method} ${path}.`, 'route_not_found'));
    }
  } catch (error) {
    log(error);
    response = openaiErrorResponse(toProxyError(error));
  }
  const cors = corsHeaders(config, origin);
  if (cors) for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
  return response;
}
