/**
 * The watcher of an Anthropic stream passed through as it is: it reads usage and error events
 * from the bytes on their way to the client, and, since it lives as long as the stream, keeps
 * nothing of the client's request (a Claude Code conversation is hundreds of KB).
 * Event shapes: https://docs.anthropic.com/en/api/messages-streaming
 */
import { expect, it } from 'vitest';
import { buildConfig } from '../../src/core/config';
import type { PassThroughCall } from '../../src/core/provider';
import { watchPassedThrough } from '../../src/families/anthropic/watch-passed-through';
import { definitions } from '../../src/providers/definitions';
import { isCollected } from '../helpers/collected';
import { testEnv } from '../helpers/test-env';

const config = buildConfig(testEnv, definitions);
const provider = config.providers.find((p) => p.id === 'anthropic')!;
const response = { status: 200, headers: new Headers({ 'content-type': 'text/event-stream' }), body: null };
const sse = (event: string, data: unknown) => new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

function watch() {
  const body = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'a long conversation' }] };
  const call: PassThroughCall = {
    provider,
    model: provider.models[0]!,
    operation: 'messages',
    body,
    key: 'k',
    signal: undefined,
    secrets: config.secrets,
    inboundHeaders: new Headers(),
  };
  return { watcher: watchPassedThrough(response as never, call), body: new WeakRef(body) };
}

it('reads the usage of the events it sees, and keeps no reference to the request while the stream is open', async () => {
  const { watcher, body } = watch();
  expect(await isCollected(body)).toBe(true);
  watcher.read(sse('message_start', { type: 'message_start', message: { usage: { input_tokens: 12, output_tokens: 1 } } }));
  watcher.read(sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 7 } }));
  expect(watcher.usage()).toMatchObject({ prompt_tokens: 12 });
  expect(watcher.answering).toBe(true);
});
