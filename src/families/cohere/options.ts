/** Cohere providers need nothing beyond key and base URL: the family reads both from the provider. */
export type CohereOptions = Readonly<Record<string, never>>;
