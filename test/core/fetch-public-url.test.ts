/**
 * Downloads on a client's behalf follow redirects hop by hop, each hop checked, and on Node the
 * address a name resolves to is checked where the connection is made. No test here sends any
 * traffic: hops are stand-ins, and name lookups are answered by a stand-in resolver.
 */
import type * as Dns from 'node:dns';
import { describe, expect, it } from 'vitest';
import { fetchPublicUrl } from '../../src/core/fetch-public-url';
import { nodePublicTransport, publicOnlyLookup, type Hop } from '../../src/core/node-public-transport';

const redirectTo = (location: string) => new Response(null, { status: 302, headers: { location } });
const signal = new AbortController().signal;

/** A stand-in resolver: every name resolves to `address`. */
const resolvesTo = (address: string) =>
  ((_host: string, _options: unknown, callback: (e: Error | null, a: Dns.LookupAddress[]) => void) =>
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }])) as unknown as typeof Dns.lookup;

describe('fetchPublicUrl', () => {
  it('checks every redirect hop and stops before fetching a refused one', async () => {
    const fetched: string[] = [];
    const hop: Hop = async (url) => {
      fetched.push(url.href);
      return redirectTo('http://169.254.169.254/latest/meta-data/');
    };
    const error = await fetchPublicUrl('https://images.example/cat.png', { allowPrivate: false, signal, hop }).catch((e: Error) => e);
    expect(error).toMatchObject({ status: 400, code: 'image_url_refused' });
    expect((error as Error).message).toMatch(/169\.254\.169\.254.*link-local.*ALLOW_PRIVATE_IMAGE_URLS/);
    expect(fetched).toEqual(['https://images.example/cat.png']);
  });

  it('refuses a redirect to another scheme and more than three redirects', async () => {
    const toFile: Hop = async () => redirectTo('file:///etc/passwd');
    await expect(fetchPublicUrl('https://images.example/a', { allowPrivate: false, signal, hop: toFile })).rejects.toThrow(
      /only http and https/,
    );
    let hops = 0;
    const loop: Hop = async () => redirectTo(`https://images.example/${++hops}`);
    await expect(fetchPublicUrl('https://images.example/0', { allowPrivate: false, signal, hop: loop })).rejects.toThrow(
      /more than 3 times/,
    );
    expect(hops).toBe(4);
  });

  it('fetches any destination when private ones are allowed', async () => {
    const hop: Hop = async () => new Response('ok');
    const response = await fetchPublicUrl('http://127.0.0.1:9/a.png', { allowPrivate: true, signal, hop });
    expect(await response.text()).toBe('ok');
  });

  it('on Node, refuses a name that resolves to a non-public address, before connecting', async () => {
    const builtins = (id: string) => (id === 'node:dns' ? { lookup: resolvesTo('127.0.0.1') } : process.getBuiltinModule(id));
    const hop = nodePublicTransport(builtins as (id: string) => unknown);
    const error = await fetchPublicUrl('http://images.example:9/cat.png', { allowPrivate: false, signal, hop }).catch((e: Error) => e);
    expect(error).toMatchObject({ status: 400, code: 'image_url_refused' });
    expect((error as Error).message).toMatch(/resolves to an address that is not public/);
  });

  it('passes on the addresses of a name that resolves only to public ones', () => {
    const lookup = publicOnlyLookup(resolvesTo('93.184.216.34'));
    const seen: unknown[] = [];
    lookup('images.example', { all: true }, (error, addresses) => seen.push(error, addresses));
    expect(seen).toEqual([null, [{ address: '93.184.216.34', family: 4 }]]);
    const refused = publicOnlyLookup(resolvesTo('fd00::1'));
    refused('internal.example', {}, (error) => seen.push((error as { code?: string }).code));
    expect(seen.at(-1)).toBe('EPUBLICONLY');
  });
});
