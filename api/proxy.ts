// The Vercel function every path is rewritten to (vercel.json). Vercel reads `config` from this file.
export { default } from '../src/runtimes/vercel-edge';
export const config = { runtime: 'edge' };
