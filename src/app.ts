/**
 * The one fetch handler behind every runtime: auth, CORS, routing and error rendering. Routes
 * are registered once at module load; per request only the cached config is looked up. The
 * path's mount (core/mount.ts) picks the router, where the key is read, and the error shape.
 */
import { Router, type IRequest } from 'itty-router';
import { authorize, keyFromHeaders } from './core/auth';
import { configFor, type Env } from './core/config';
import { corsHeaders, preflightHeaders } from './core/cors';
import { decodePathParam } from './core/decode-path-param';
import { ProxyError, notFound, toProxyError } from './core/errors';
import { loggedDialect, mountOf } from './core/mount';
import { capText } from './core/cap-text';
import { countTokens } from './dialects/anthropic/count-tokens';
import { anthropicErrorResponse } from './dialects/anthropic/error-response';
import { createMessage } from './dialects/anthropic/messages';
import type { ExecutionContext, RequestContext, RequestRecord } from './core/request-context';
import { ollamaChat } from './dialects/ollama/chat';
import { ollamaEmbed, ollamaEmbeddings } from './dialects/ollama/embed';
import { ollamaErrorResponse } from './dialects/ollama/error-response';
import { ollamaGenerate } from './dialects/ollama/generate';
import { listRunning, listTags } from './dialects/ollama/list-models';
import { showModel } from './dialects/ollama/show-model';
import { version } from './dialects/ollama/version';
import { chatCompletions } from './dialects/openai/chat-completions';
import { createEmbeddings } from './dialects/openai/embeddings';
import { openaiErrorResponse } from './dialects/openai/error-response';
import { listModels, retrieveModel } from './dialects/openai/models';
import { createResponse, retrieveResponse } from './dialects/openai-responses/responses';
import { writeAccessLog } from './dispatch/access-log';
import { definitions } from './providers/definitions';

type Args = [RequestContext];

const openaiRouter = Router<IRequest, Args>();
for (const base of ['/v1', '']) {
  openaiRouter.post(`${base}/chat/completions`, (_req, ctx) => chatCompletions(ctx));
  openaiRouter.post(`${base}/embeddings`, (_req, ctx) => createEmbeddings(ctx));
  openaiRouter.post(`${base}/responses`, (_req, ctx) => createResponse(ctx));
  openaiRouter.get(`${base}/responses/:id`, (req, ctx) => retrieveResponse(ctx, decodeURIComponent(req.params.id ?? '')));
  openaiRouter.get(`${base}/models`, (_req, ctx) => listModels(ctx));
  openaiRouter.get(`${base}/models/:id+`, (req, ctx) => retrieveModel(ctx, decodePathParam(req.params.id ?? '', 'model id')));
}

const ollamaRouter = Router<IRequest, Args>();
ollamaRouter.get('/api/version', (_req, ctx) => version(ctx));
ollamaRouter.head('/api/version', (_req, ctx) => version(ctx));
ollamaRouter.get('/api/tags', (_req, ctx) => listTags(ctx));
ollamaRouter.get('/api/ps', (_req, ctx) => listRunning(ctx));
ollamaRouter.post('/api/show', (_req, ctx) => showModel(ctx));
ollamaRouter.post('/api/chat', (_req, ctx) => ollamaChat(ctx));
ollamaRouter.post('/api/generate', (_req, ctx) => ollamaGenerate(ctx));
ollamaRouter.post('/api/embed', (_req, ctx) => ollamaEmbed(ctx));
ollamaRouter.post('/api/embeddings', (_req, ctx) => ollamaEmbeddings(ctx));

/** A log line says what failed; a huge upstream message is not worth a huge line. */
const MAX_LOG_TEXT = 4096;

const anthropicRouter = Router<IRequest, Args>();
anthropicRouter.post('/v1/messages', (_req, ctx) => createMessage(ctx));
anthropicRouter.post('/v1/messages/count_tokens', (_req, ctx) => countTokens(ctx));

const routers = { openai: openaiRouter, ollama: ollamaRouter, anthropic: anthropicRouter } as const;
const errorResponses = { openai: openaiErrorResponse, ollama: ollamaErrorResponse, anthropic: anthropicErrorResponse } as const;

const isHealthCheck = (method: string, path: string): boolean => (method === 'GET' || method === 'HEAD') && path === '/';

export async function handle(request: Request, env: Env, executionContext?: ExecutionContext): Promise<Response> {
  const startedAt = Date.now();
  const config = configFor(env, definitions);
  const origin = request.headers.get('origin');
  if (request.method === 'OPTIONS') {
    return new Response(null, { status: 204, headers: preflightHeaders(config, origin) ?? {} });
  }
  const url = new URL(request.url);
  const mount = mountOf(url.pathname);
  const errorResponse = errorResponses[mount.dialect];
  // A key in the path never reaches a log line, right or wrong.
  const shownPath = mount.pathKey === undefined ? mount.path : `/ollama/{API_KEY}${mount.path}`;
  const record: RequestRecord = { dialect: loggedDialect(mount), route: shownPath };
  const log = (error: unknown): void => {
    // Client errors are the client's to read, and a client that left needs no report.
    if ((error instanceof ProxyError && error.status < 500) || request.signal.aborted || config.gateway.logLevel === 'off') return;
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`[proxy] ${request.method} ${shownPath}: ${capText(config.secrets.redact(text), MAX_LOG_TEXT)}`);
  };
  let response: Response;
  try {
    if (isHealthCheck(request.method, mount.path)) {
      response = new Response(request.method === 'HEAD' ? null : 'Ollama is running', {
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    } else {
      // Under /ollama/{KEY}/ the path decides: clients there cannot set headers, or send empty ones.
      authorize(mount.pathKey ?? keyFromHeaders(request.headers), config.apiKeys);
      const ctx: RequestContext = { request, config, record, log, executionContext };
      const router = routers[mount.dialect];
      // The routers see the path without the mount; handlers read the request itself from ctx.
      const routed = { method: request.method, url: `${url.origin}${mount.path}${url.search}` } as IRequest;
      response =
        (await router.fetch(routed, ctx)) ?? errorResponse(notFound(`No route for ${request.method} ${mount.path}.`, 'route_not_found'));
    }
  } catch (error) {
    log(error);
    const failure = toProxyError(error);
    record.errorCode = failure.code ?? failure.type;
    response = errorResponse(failure);
  }
  const cors = corsHeaders(config, origin);
  if (cors) for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
  if (!isHealthCheck(request.method, mount.path)) {
    writeAccessLog(config.gateway.logLevel, config.secrets, record, {
      method: request.method,
      status: response.status,
      startedAt,
      firstByteAt: Date.now(),
    });
  }
  return response;
}
