import { unknownUpstreamValue } from '../../core/unknown-upstream-value';
import type { ErrorType } from './types';

/**
 * The HTTP status an Anthropic error type stands for, for errors that arrive inside a stream
 * (an `event: error` after the 200), so that dispatch can treat `overloaded_error` like a 529.
 * Keyed by the spec's ErrorType: a type added there is a compile error until it has a status.
 * @see https://docs.anthropic.com/en/api/errors
 */
const STATUS_OF_TYPE = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
} as const satisfies Record<ErrorType, number>;

export const anthropicErrorStatus = (type: ErrorType): number | undefined =>
  Object.hasOwn(STATUS_OF_TYPE, type)
    ? STATUS_OF_TYPE[type]
    : // Vendors add types before specs do; the table above is the exhaustive part.
      unknownUpstreamValue('Anthropic error type', type as never, undefined);
