/** `POST /v1/responses` through the handler with the test proxy key, as a Responses client sends it. */
import { handle } from '../../src/app';
import type { Env } from '../../src/core/config';
import type { ExecutionContext } from '../../src/core/request-context';
import { PROXY_KEY, testEnv } from './test-env';

export const postResponses = (body: unknown, env: Env = testEnv, executionContext?: ExecutionContext): Promise<Response> =>
  handle(
    new Request('http://proxy.test/v1/responses', {
      method: 'POST',
      headers: { authorization: `Bearer ${PROXY_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    env,
    executionContext,
  );
