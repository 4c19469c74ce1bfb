import type { UpstreamEndpoint } from '../../core/post-upstream';
import type { ConfiguredProvider } from '../../core/provider';

/** `{base}/v2/chat` or `/v2/embed`, the key as `Authorization: Bearer`. */
export function cohereEndpoint(
  call: { readonly provider: ConfiguredProvider; readonly key: string | undefined },
  path: '/v2/chat' | '/v2/embed',
): UpstreamEndpoint {
  const { key } = call;
  return { url: `${call.provider.baseUrl}${path}`, auth: async () => ({ authorization: `Bearer ${key ?? ''}` }) };
}
