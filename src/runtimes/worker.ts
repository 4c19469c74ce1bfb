/** Cloudflare Workers entry: vars, secrets and bindings arrive as `env`. */
export { default } from '../index';
