/**
 * The HTTP status an Anthropic error type stands for, for errors that arrive inside a stream
 * (an `event: error` after the 200), so that dispatch can treat `overloaded_error` like a 529.
 * @see https://docs.anthropic.com/en/api/errors
 */
const STATUS_OF_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export const anthropicErrorStatus = (type: string): number | undefined => STATUS_OF_TYPE[type];
