import { badRequest } from './errors';

/** A percent-encoded path parameter (a model id in /v1/models/{id}); bad encoding is the client's 400, not a crash. */
export function decodePathParam(value: string, name: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw badRequest(`The ${name} in the path is not valid percent-encoding.`, null, 'invalid_path');
  }
}
