/**
 * On Node, one hop of an image download over node:http(s) whose DNS lookup refuses non-public
 * addresses: the address checked is the address connected to, so a name that resolves to an
 * internal address (or flips to one between two lookups) is refused. Loaded through
 * `process.getBuiltinModule`, so nothing of it reaches the Worker bundle; elsewhere (Workers)
 * plain fetch serves, where the host as written is checked.
 */
import type * as Dns from 'node:dns';
import type * as Http from 'node:http';
import type { LookupFunction } from 'node:net';
import type * as Stream from 'node:stream';
import { nonPublicReason } from './address-guard';

export type Hop = (url: URL, signal: AbortSignal) => Promise<Response>;

type Builtins = (id: string) => unknown;

/** Refuses the lookup when any address the name resolves to is not public. */
export function publicOnlyLookup(lookup: typeof Dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as Dns.LookupAddress[];
      const refused = list.map((a) => nonPublicReason(a.address)).find(Boolean);
      if (refused || list.length === 0) {
        return callback(Object.assign(new Error(`${hostname} resolves to ${refused ?? 'no address'}`), { code: 'EPUBLICONLY' }), '', 0);
      }
      if (options.all) return callback(null, list as never, 0);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * The response body as a web stream read on demand. Not `Readable.toWeb`: on Node 20 its adapter
 * keeps enqueueing after a cancel and throws an uncaught ERR_INVALID_STATE, which would take the
 * whole process down when the proxy stops reading an image early (too large, not an image).
 */
function pulledBody(incoming: Http.IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = incoming[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel() {
      incoming.destroy();
    },
  });
}

export function nodePublicTransport(builtins: Builtins): Hop {
  const dns = builtins('node:dns') as typeof Dns;
  const http = builtins('node:http') as typeof Http;
  const https = builtins('node:https') as typeof Http;
  const lookup = publicOnlyLookup(dns.lookup);
  return (url, signal) =>
    new Promise<Response>((resolve, reject) => {
      const client = url.protocol === 'https:' ? https : http;
      const request = client.get(url, { lookup, signal }, (incoming) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
        }
        const status = incoming.statusCode ?? 502;
        const body = status === 204 || status === 304 ? null : pulledBody(incoming);
        resolve(new Response(body, { status, headers }));
      });
      request.on('error', reject);
    });
}
