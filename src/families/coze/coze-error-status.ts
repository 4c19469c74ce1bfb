/**
 * The HTTP status a Coze error code stands for. Coze answers with HTTP 200 and `{code, msg}`;
 * codes not listed here are the request's fault (400), and the message decides for the rest.
 * @see https://www.coze.com/docs/developer_guides/coze_error_codes
 */
const BY_CODE: Readonly<Record<number, number>> = {
  4100: 401, // authentication is invalid: a wrong or expired token
  4101: 403, // the token lacks the permission
  4013: 429, // request frequency over the limit
  4019: 402, // the account's balance is used up
  4200: 404, // no such bot, or not published to the API channel
  5000: 500, // Coze's own failure
};

export function cozeErrorStatus(code: number, message: string): number {
  const known = BY_CODE[code];
  if (known) return known;
  if (/rate limit|frequency|too many requests/i.test(message)) return 429;
  if (/\b(access )?token\b.*\b(invalid|expired)\b|\bauthenticat/i.test(message)) return 401;
  return code >= 5000 && code < 6000 ? 500 : 400;
}
