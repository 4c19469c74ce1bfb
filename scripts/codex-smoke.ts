/**
 * Optional smoke test, not part of `npm test`: Codex CLI against the proxy, offline. A loopback
 * mock speaks DeepSeek's chat API; the proxy (the Node entry's handler) translates Codex's
 * Responses requests to it. The mock answers the first turn with a call of Codex's shell tool
 * and the next with text; the run passes when Codex ran the command and sent its output back.
 *
 *   npm install --prefix /tmp/codex @openai/codex@0.171.0
 *   npx tsx scripts/codex-smoke.ts --codex /tmp/codex/node_modules/.bin/codex [--record out.json]
 *
 * `--record` writes the first Responses request Codex sent (the proxy key redacted), to see what
 * Codex really sends and to make fixtures from it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { handle } from '../src/app';

const { values } = parseArgs({
  options: { codex: { type: 'string' }, record: { type: 'string' }, model: { type: 'string', default: 'deepseek-chat' } },
});
if (!values.codex) throw new Error('--codex <path to the codex binary> is required');

const MARK = 'codex-smoke-ok';
const seen: Array<Record<string, any>> = [];
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-smoke', object: 'chat.completion.chunk', created: 1, model: 'deepseek-chat', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

/** Codex's shell tool and arguments that run `echo MARK`, whichever tool set its model name gets. */
function shellCall(tools: Array<{ function: { name: string } }>): { name: string; arguments: string } {
  const names = tools.map((t) => t.function.name);
  if (names.includes('exec_command')) return { name: 'exec_command', arguments: JSON.stringify({ cmd: `echo ${MARK}` }) };
  if (names.includes('shell')) return { name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', `echo ${MARK}`] }) };
  throw new Error(`no shell tool among ${names.join(', ')}`);
}

const upstream = createServer(async (req, res) => {
  let raw = '';
  for await (const part of req) raw += part;
  const body = JSON.parse(raw) as Record<string, any>;
  seen.push(body);
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const answered = (body.messages as Array<{ role: string; content: unknown }>).some(
    (m) => m.role === 'tool' && JSON.stringify(m.content).includes(MARK),
  );
  if (answered) {
    res.end(`${chunk({ role: 'assistant', content: 'The command printed the mark.' })}${chunk({}, 'stop')}data: [DONE]\n\n`);
    return;
  }
  const call = shellCall(body.tools ?? []);
  res.end(
    `${chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_smoke', type: 'function', function: { name: call.name, arguments: call.arguments } }] })}${chunk({}, 'tool_calls')}data: [DONE]\n\n`,
  );
});
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));

const PROXY_KEY = 'codex-smoke-proxy-key';
const env = {
  API_KEY: PROXY_KEY,
  DEEPSEEK_API_KEY: 'smoke-deepseek-key',
  DEEPSEEK_BASE_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
  LOG_LEVEL: 'error',
};
const inbound: unknown[] = [];
const proxy = serve({
  port: 0,
  hostname: '127.0.0.1',
  fetch: async (request: Request) => {
    if (request.method === 'POST') inbound.push(await request.clone().json());
    return handle(request, env);
  },
});
await new Promise<void>((resolve) => (proxy.listening ? resolve() : proxy.once('listening', () => resolve())));
const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

const home = mkdtempSync(join(tmpdir(), 'codex-home-'));
const work = mkdtempSync(join(tmpdir(), 'codex-work-'));
spawnSync('git', ['init', '-q'], { cwd: work });
writeFileSync(
  join(home, 'config.toml'),
  `model = "${values.model}"
model_provider = "proxy"

[analytics]
enabled = false

[features]
plugins = false

[model_providers.proxy]
name = "llm-api-proxy"
base_url = "${proxyUrl}/v1"
env_key = "LLM_PROXY_API_KEY"
wire_api = "responses"
`,
);
// Asynchronously: the proxy and the mock answer Codex from this very process.
const codex = spawn(values.codex, ['exec', '-s', 'workspace-write', '--skip-git-repo-check', `Run: echo ${MARK}`], {
  cwd: work,
  env: { ...process.env, CODEX_HOME: home, LLM_PROXY_API_KEY: PROXY_KEY },
  stdio: ['ignore', 'pipe', 'pipe'],
  timeout: 120_000,
});
let output = '';
codex.stdout.on('data', (data: Buffer) => (output += data.toString()));
codex.stderr.on('data', (data: Buffer) => (output += data.toString()));
const status = await new Promise<number | null>((resolve) => codex.on('close', resolve));
proxy.close();
upstream.close();

if (values.record && inbound[0]) writeFileSync(values.record, JSON.stringify(inbound[0], null, 2).replaceAll(PROXY_KEY, '<proxy key>'));
const ranTool = seen.some((body) =>
  (body.messages as Array<{ role: string; content: unknown }>).some((m) => m.role === 'tool' && JSON.stringify(m.content).includes(MARK)),
);
console.log(`codex exit ${status}; ${inbound.length} Responses request(s); ${seen.length} upstream call(s); shell tool ran: ${ranTool}`);
if (status !== 0 || !ranTool) {
  console.error(output);
  process.exit(1);
}
