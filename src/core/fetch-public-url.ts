/**
 * GET on a client's behalf (image URLs): http(s) only, public destinations only unless
 * ALLOW_PRIVATE_IMAGE_URLS is set, redirects followed by hand so every hop is checked, at most
 * a few. Refusals are 400s that say what was refused and why, never what an address served.
 */
import { nonPublicReason } from './address-guard';
import { badRequest } from './errors';
import { nodePublicTransport, type Hop } from './node-public-transport';

const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const refused = (what: string, why: string) =>
  badRequest(
    `The image URL ${what} was refused: ${why}. The proxy only downloads images from public addresses (ALLOW_PRIVATE_IMAGE_URLS=true allows others).`,
    null,
    'image_url_refused',
  );

type Runtime = { process?: { getBuiltinModule?: (id: string) => unknown }; navigator?: { userAgent?: string } };

/** Node checks resolved addresses; elsewhere (Workers) plain fetch, the host as written checked. */
function defaultHop(allowPrivate: boolean): Hop {
  const runtime = globalThis as Runtime;
  const builtins = runtime.process?.getBuiltinModule;
  if (!allowPrivate && builtins && runtime.navigator?.userAgent !== 'Cloudflare-Workers') return nodePublicTransport(builtins);
  return (url, signal) => fetch(url, { signal, redirect: 'manual' });
}

export async function fetchPublicUrl(url: string, options: { allowPrivate: boolean; signal: AbortSignal; hop?: Hop }): Promise<Response> {
  const hop = options.hop ?? defaultHop(options.allowPrivate);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw badRequest('An image URL is not a valid URL.', null, 'invalid_image');
  }
  for (let redirects = 0; ; redirects++) {
    const shown = `\`${target.origin}\``;
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw refused(shown, 'only http and https URLs are fetched');
    if (!options.allowPrivate) {
      const reason = nonPublicReason(target.hostname);
      if (reason) throw refused(shown, `its host is ${reason}`);
    }
    let response: Response;
    try {
      response = await hop(target, options.signal);
    } catch (error) {
      const code = (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
      if (code === 'EPUBLICONLY') throw refused(shown, 'its host resolves to an address that is not public');
      throw error;
    }
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || !location) return response;
    response.body?.cancel().catch(() => undefined);
    if (redirects === MAX_REDIRECTS)
      throw badRequest(`The image URL ${shown} redirected more than ${MAX_REDIRECTS} times.`, null, 'invalid_image');
    target = new URL(location, target);
  }
}
