/**
 * The HTTP status a Coze error code stands for, from Coze's error code table. Coze answers with
 * HTTP 200 and `{code, msg}`; codes not listed are the request's fault (400: bad parameters,
 * a prompt over the model's limit, ...), unless the message says rate limit or a bad token.
 * @see https://www.coze.com/docs/developer_guides/coze_error_codes
 * @see https://www.coze.cn/open/docs/developer_guides/coze_error_codes (the same table, China site)
 */
const BY_CODE: Readonly<Record<number, number>> = {
  4006: 404, // invalid bot: no bot with that id for this token (a COZE_BOTS entry)
  4008: 429, // the bot's daily use limit for this user
  4009: 429, // Coze's system-wide request ceiling: retry later
  4011: 402, // the account's Coze token balance is used up
  4013: 502, // the bot's model service failed: retry later
  4015: 404, // the bot is not published to the API channel
  4019: 402, // pay-as-you-go balance in arrears
  4020: 429, // requests per minute over the purchased RPM
  4022: 402, // the model service's account is in arrears
  4100: 401, // authentication is invalid: a wrong or expired token
  4101: 403, // the token lacks the permission for the resource
  4200: 404, // resource not found
  5000: 500, // Coze's own failure
  700012006: 401, // "access token invalid", the table's own example
};

export function cozeErrorStatus(code: number, message: string): number {
  const known = BY_CODE[code];
  if (known) return known;
  if (/rate limit|frequency|too many requests/i.test(message)) return 429;
  if (/\b(access )?token\b.*\b(invalid|expired)\b|\bauthenticat/i.test(message)) return 401;
  return code >= 5000 && code < 6000 ? 500 : 400;
}
