import type { ProxyError } from '../../core/errors';
import type { OllamaErrorResponse } from './ollama-types';

export const ollamaErrorBody = (error: ProxyError): OllamaErrorResponse => ({ error: error.message });

export function ollamaErrorResponse(error: ProxyError): Response {
  return new Response(JSON.stringify(ollamaErrorBody(error)), {
    status: error.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...error.headers },
  });
}
