/**
 * The depth limit at its edge, and the field it names: the fast walk that passes a body and the
 * walk that names the field of a refused one must agree on where the limit is.
 */
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, refuseDeepNesting } from '../../src/core/json-depth';
import { ProxyError } from '../../src/core/errors';

/** `levels` objects nested in one another under `{ list: [ {}, <here> ] }` */
function nested(levels: number): unknown {
  let inner: unknown = {};
  for (let i = 1; i < levels; i++) inner = { a: inner };
  return { list: [{}, inner] };
}

const refusal = (body: unknown): ProxyError | undefined => {
  try {
    refuseDeepNesting(body);
    return undefined;
  } catch (error) {
    return error as ProxyError;
  }
};

describe('refuseDeepNesting', () => {
  it('passes a body whose deepest value is just within the limit', () => {
    // the body, its list and the list's item take three of the levels
    expect(refusal(nested(MAX_JSON_DEPTH - 2))).toBeUndefined();
  });

  it('refuses one level more, naming the field under the list item it is in', () => {
    const error = refusal(nested(MAX_JSON_DEPTH - 1));
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({ status: 400, code: 'too_deeply_nested', param: 'list[1].a.a' });
  });

  it('walks primitives, empty values and keys such as __proto__ without refusing them', () => {
    expect(refusal(JSON.parse('{"__proto__":{"x":[1,"a",null,true,{}]},"s":"[[[[","n":null}'))).toBeUndefined();
  });
});
