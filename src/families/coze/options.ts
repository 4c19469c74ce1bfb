/** Coze providers need nothing beyond key, base URL and bots: the family reads them from the provider. */
export type CozeOptions = Readonly<Record<string, never>>;
