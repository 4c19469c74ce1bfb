import type { components } from '../../../generated/openai/schema';
import type { ProxyError } from '../../core/errors';

type ErrorResponse = components['schemas']['ErrorResponse'];

export function openaiErrorBody(error: ProxyError): ErrorResponse {
  return { error: { message: error.message, type: error.type, param: error.param, code: error.code } };
}

export function openaiErrorResponse(error: ProxyError): Response {
  return new Response(JSON.stringify(openaiErrorBody(error)), {
    status: error.status,
    headers: { 'content-type': 'application/json', ...error.headers },
  });
}
