/**
 * The Vercel Edge entry under Vercel's Edge Runtime (the `edge-runtime` package: the same web
 * APIs in a VM without Node's), built with the options of `npm run build` and registered as a
 * fetch event listener, the form the runtime serves; process.env is what Vercel provides.
 */
import { build } from 'esbuild';
import { EdgeRuntime, runServer } from 'edge-runtime';
import { join } from 'node:path';
import { ENTRIES } from '../../scripts/build';
import type { RunningProxy } from './server-process';

const ENTRY = join(import.meta.dirname, '..', '..', 'src', 'runtimes', 'vercel-edge.ts');

export async function startEdgeRuntime(env: Record<string, string>): Promise<RunningProxy> {
  const bundle = await build({
    ...ENTRIES['vercel-edge'],
    stdin: {
      contents: `import handler from ${JSON.stringify(ENTRY)};
addEventListener('fetch', (event) => event.respondWith(handler(event.request, { waitUntil: (p) => event.waitUntil(p) })));`,
      resolveDir: import.meta.dirname,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'warning',
  });
  const runtime = new EdgeRuntime({ extend: (context) => Object.assign(context, { process: { env } }) });
  // The emulator wraps the global Object in a Proxy (so that instanceof works on objects of the
  // Node realm it runs in); then `{}.constructor !== Object`, which no real edge runtime does and
  // which breaks valibot's intersect. The real constructor back, then the proxy's code.
  runtime.evaluate('globalThis.Object = Object.getPrototypeOf({}).constructor');
  runtime.evaluate(bundle.outputFiles[0]!.text);
  const server = await runServer({ runtime, port: 0, host: '127.0.0.1' });
  return { url: server.url.replace(/\/$/, ''), stop: () => server.close() };
}
