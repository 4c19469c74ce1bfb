/**
 * How a request body is read: one with a declared length whole (on Node, @hono/node-server then
 * reads the incoming message directly and makes no web Request or stream for it), one without
 * as a stream cut at the limit.
 */
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../src/core/errors';
import { readJsonBody } from '../../src/core/read-json-body';

/** A request whose stream must not be touched: reading `body` throws. */
function declaredOnly(text: string): Request {
  return {
    headers: new Headers({ 'content-length': String(Buffer.byteLength(text)) }),
    text: async () => text,
    get body(): never {
      throw new Error('the stream of a body with a declared length was read');
    },
  } as unknown as Request;
}

describe('readJsonBody', () => {
  it('reads a body of declared length whole, without its stream', async () => {
    expect(await readJsonBody(declaredOnly('{"model":"m"}'), 100)).toEqual({ model: 'm' });
  });

  it('refuses a declared length over the limit before reading anything', async () => {
    await expect(readJsonBody(declaredOnly(`{"x":"${'a'.repeat(200)}"}`), 100)).rejects.toMatchObject({ status: 413 });
  });

  it('reads a body without a declared length as a stream, cut at the limit', async () => {
    const chunked = (parts: string[]) =>
      new Request('http://proxy.test/', {
        method: 'POST',
        body: new ReadableStream({
          pull(controller) {
            const part = parts.shift();
            if (part === undefined) controller.close();
            else controller.enqueue(new TextEncoder().encode(part));
          },
        }),
        duplex: 'half',
      } as RequestInit);
    expect(await readJsonBody(chunked(['{"mod', 'el":"m"}']), 100)).toEqual({ model: 'm' });
    const refused = await readJsonBody(chunked(['{"x":"', 'a'.repeat(200), '"}']), 100).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProxyError);
    expect(refused).toMatchObject({ status: 413, code: 'request_too_large' });
  });

  it('calls an empty body empty, declared or not', async () => {
    await expect(readJsonBody(declaredOnly(''), 100)).rejects.toThrow(/body is empty/);
    await expect(readJsonBody(new Request('http://proxy.test/', { method: 'POST' }), 100)).rejects.toThrow(/body is empty/);
  });
});
