/**
 * Every credential the proxy holds or obtains, for one config: the configured keys, and what it
 * gets at run time (OAuth access tokens). Upstreams echo them in error bodies, so anything that
 * reaches a client or a log goes through `redact` first, before it is cut to any length.
 */
import { redactSecrets } from './redact';

// Obtained credentials are renewed (an access token lives an hour): keep the recent ones only.
const MAX_OBTAINED = 32;

export class Secrets {
  private readonly configured: ReadonlySet<string>;
  private readonly obtained = new Set<string>();

  constructor(configured: Iterable<string>) {
    this.configured = new Set(configured);
  }

  /** Registers a credential obtained at run time; a `Bearer` header value registers its token. */
  add(credential: string): void {
    const token = /^Bearer\s+(.+)$/i.exec(credential)?.[1]?.trim() ?? credential;
    if (this.configured.has(token) || this.obtained.has(token)) return;
    this.obtained.add(token);
    if (this.obtained.size > MAX_OBTAINED) this.obtained.delete(this.obtained.values().next().value!);
  }

  redact(text: string): string {
    return redactSecrets(redactSecrets(text, this.configured), this.obtained);
  }

  *[Symbol.iterator](): Iterator<string> {
    yield* this.configured;
    yield* this.obtained;
  }
}
