/** The runtime's context (Workers' ctx, Vercel's context) reaches `handle`, for waitUntil. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const handle = vi.hoisted(() => vi.fn(async () => new Response('ok')));
vi.mock('../../src/app', () => ({ handle }));

const { default: worker } = await import('../../src/runtimes/worker');
const vercel = await import('../../src/runtimes/vercel-edge');

describe('execution context', () => {
  const request = new Request('http://proxy.test/v1/models');
  const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined };
  beforeEach(() => handle.mockClear());

  it('the Workers entry passes env and ctx through', async () => {
    const env = { API_KEY: 'k' };
    await worker.fetch(request, env, ctx);
    expect(handle).toHaveBeenCalledWith(request, env, ctx);
  });

  it('the Vercel entry passes a context with waitUntil, and not the route params Next.js gives', async () => {
    await vercel.default(request, ctx);
    expect(handle).toHaveBeenLastCalledWith(request, process.env, ctx);
    await vercel.POST(request, { params: Promise.resolve({ path: ['v1', 'models'] }) });
    expect(handle).toHaveBeenLastCalledWith(request, process.env, undefined);
  });
});
