/**
 * Optional smoke test (not part of `npm test`): the real Claude Code runs a one-tool task through
 * the proxy, offline, for each target family. A loopback upstream (test/helpers/mock-agent-upstream)
 * answers the first turn with a `Bash` call to `echo ok` and the next with text quoting the tool's
 * output; the task completes when Claude Code prints that text, which it can only do after running
 * the tool and sending its result back through the proxy. A recording tap in front of the proxy
 * keeps what Claude Code sent (headers without secrets, bodies) for fixtures.
 *
 * Needs Claude Code 2.1.197 (the last release that runs on Node 20) installed outside the repo:
 *   npm i --prefix /tmp/cc @anthropic-ai/claude-code@2.1.197     (or npm i -g ...)
 * Run:
 *   npx tsx scripts/claude-code-smoke.ts [--claude /tmp/cc/node_modules/.bin/claude] [--record DIR] [targets...]
 * Targets: claude gpt gemini deepseek (default: all). Exit code 1 when any target fails.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startNodeServer } from '../src/runtimes/node';
import { finalText, startAgentUpstream, TOOL_COMMAND, type AgentTurn } from '../test/helpers/mock-agent-upstream';

const PROXY_KEY = 'smoke-proxy-key';
/** The names Claude Code 2.1.197 asks for: `--model` below, and its small model for side tasks. */
const MAIN_MODEL = 'claude-sonnet-4-5';
const SMALL_MODEL = 'claude-haiku-4-5-20251001';

interface Target {
  readonly name: string;
  /** the routable model the claude-* names are aliased to; none: Claude itself (pass-through) */
  readonly model?: string;
  readonly family: AgentTurn['family'];
}

const TARGETS: readonly Target[] = [
  { name: 'claude', family: 'anthropic' },
  { name: 'gpt', model: 'gpt-4o-mini', family: 'openai' },
  { name: 'gemini', model: 'gemini-2.5-flash', family: 'gemini' },
  { name: 'deepseek', model: 'deepseek-chat', family: 'openai' },
];

export interface SeenByProxy {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

const SECRET_HEADERS = new Set(['authorization', 'x-api-key']);
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

function flatten(headers: IncomingHttpHeaders, drop: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !drop.has(name)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Forwards every request to the proxy unchanged and keeps a copy (secret headers left out). */
async function startTap(proxyUrl: string, seen: SeenByProxy[]): Promise<Server> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const part of req) chunks.push(part as Buffer);
    const raw = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const answer = await fetch(proxyUrl + (req.url ?? '/'), {
      method,
      headers: flatten(req.headers, HOP_HEADERS),
      body: method === 'GET' || method === 'HEAD' ? undefined : raw,
    });
    const text = raw.toString('utf8');
    seen.push({
      method,
      path: req.url ?? '/',
      headers: flatten(req.headers, SECRET_HEADERS),
      body: text && req.headers['content-type']?.includes('json') ? JSON.parse(text) : text,
      status: answer.status,
    });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (!answer.body) return void res.end();
    const reader = answer.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) res.write(part.value);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

function proxyEnv(upstream: string, target: Target): Record<string, string> {
  const aliases = target.model ? `${MAIN_MODEL}=${target.model},${SMALL_MODEL}=${target.model}` : '';
  return {
    API_KEY: PROXY_KEY,
    LOG_LEVEL: 'off',
    ANTHROPIC_API_KEY: 'mock-anthropic-key',
    ANTHROPIC_BASE_URL: upstream,
    OPENAI_API_KEY: 'mock-openai-key',
    OPENAI_BASE_URL: `${upstream}/v1`,
    DEEPSEEK_API_KEY: 'mock-deepseek-key',
    DEEPSEEK_BASE_URL: upstream,
    GOOGLE_GEN_AI_API_KEY: 'mock-google-key',
    GOOGLE_GEN_AI_BASE_URL: upstream,
    MODEL_ALIASES: aliases,
  };
}

function runClaude(claude: string, baseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'cc-smoke-home-'));
  const cwd = mkdtempSync(join(tmpdir(), 'cc-smoke-work-'));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: PROXY_KEY,
  };
  const args = [
    '-p',
    `Run the shell command \`${TOOL_COMMAND}\` with Bash and tell me what it printed.`,
    '--allowedTools',
    'Bash',
    '--model',
    MAIN_MODEL,
  ];
  return new Promise((resolve) => {
    const child = spawn(claude, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function describeRequest(r: SeenByProxy): string {
  const body = r.body as Record<string, any> | string;
  if (typeof body !== 'object' || body === null) return `${r.method} ${r.path} -> ${r.status}`;
  const betas = r.headers['anthropic-beta']?.split(',').length ?? 0;
  const size = JSON.stringify(body).length;
  return `${r.method} ${r.path} model=${body.model} stream=${body.stream === true} messages=${body.messages?.length ?? 0} tools=${body.tools?.length ?? 0} betas=${betas} ${size}B -> ${r.status}`;
}

async function smoke(claude: string, target: Target, recordDir: string): Promise<boolean> {
  const upstream = await startAgentUpstream();
  const proxy = startNodeServer({ port: 0, env: proxyEnv(upstream.url, target) });
  await new Promise<void>((resolve) => (proxy.listening ? resolve() : proxy.once('listening', () => resolve())));
  const seen: SeenByProxy[] = [];
  const tap = await startTap(urlOf(proxy), seen);
  try {
    const run = await runClaude(claude, urlOf(tap));
    writeFileSync(join(recordDir, `${target.name}.json`), JSON.stringify({ seen, turns: upstream.turns }, null, 2));
    const expected = finalText('ok');
    const wrongFamily = upstream.turns.filter((t) => t.family !== target.family);
    const toolCalled = upstream.turns.some((t) => t.answered === 'tool_call');
    const ok = run.code === 0 && run.stdout.includes(expected) && toolCalled && wrongFamily.length === 0;
    console.log(`\n== ${target.name} (${target.model ?? 'claude, passed through'}): ${ok ? 'PASS' : 'FAIL'} (exit ${run.code})`);
    for (const r of seen) console.log(`  client> ${describeRequest(r)}`);
    for (const t of upstream.turns)
      console.log(`  upstream< ${t.family} ${t.url.split('?')[0]} model=${t.model} stream=${t.stream} answered=${t.answered}`);
    console.log(`  claude stdout: ${run.stdout.trim().slice(0, 300)}`);
    if (!ok && run.stderr.trim()) console.log(`  claude stderr: ${run.stderr.trim().slice(0, 1000)}`);
    if (wrongFamily.length) console.log(`  reached the wrong family: ${wrongFamily.map((t) => `${t.family} ${t.model}`).join(', ')}`);
    return ok;
  } finally {
    await stop(tap);
    await stop(proxy);
    await upstream.close();
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { claude: { type: 'string', default: 'claude' }, record: { type: 'string' } },
});
const recordDir = values.record ?? mkdtempSync(join(tmpdir(), 'cc-smoke-record-'));
mkdirSync(recordDir, { recursive: true });
const chosen = positionals.length ? TARGETS.filter((t) => positionals.includes(t.name)) : TARGETS;
let failed = 0;
for (const target of chosen) if (!(await smoke(values.claude!, target, recordDir))) failed += 1;
console.log(`\n${chosen.length - failed}/${chosen.length} targets passed; requests recorded in ${recordDir}`);
process.exit(failed ? 1 : 0);
