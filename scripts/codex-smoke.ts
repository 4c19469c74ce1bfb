/**
 * Optional smoke test, not part of `npm test`: the real Codex CLI runs a shell-tool task through
 * the proxy, offline, for each target. A loopback upstream (test/helpers/mock-agent-upstream)
 * speaks the target's wire: OpenAI's Responses API for GPT (forwarded natively), Messages for
 * Claude, streamGenerateContent for Gemini, chat completions for DeepSeek (all translated). It
 * plays Codex's tools: with the freeform `apply_patch` on offer (Codex gives it to `gpt-5.5`), it
 * first adds a file with it, then runs a command on that file with `exec_command`; otherwise it
 * only runs the command. The command upper-cases its input, so the mark comes back upper-cased
 * only if the tools really ran; the run passes when Codex exits 0, every planned call was made,
 * and the last turn carried the upper-cased mark.
 *
 * Targets with `@gpt-5.5` send Codex's `gpt-5.5` tool set (the `apply_patch` custom tool) to the
 * vendor through `MODEL_ALIASES`; the others use the vendor's own model name, for which Codex
 * falls back to its default tool set, as it does for a user who writes that name.
 *
 *   npm install --prefix /tmp/codex @openai/codex@0.171.0
 *   npx tsx scripts/codex-smoke.ts --codex /tmp/codex/node_modules/.bin/codex [--record DIR] [targets...]
 *
 * `--record` keeps every Responses request Codex sent (the proxy key redacted) and what the
 * upstream got, per target, to see what Codex really sends and to make fixtures from it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { handle } from '../src/app';
import { startAgentUpstream, type AgentPlan, type AgentTurn } from '../test/helpers/mock-agent-upstream';

const MARK = 'codex-smoke-ok';
const SHOUTED = MARK.toUpperCase();
const FILE = 'smoke.txt';
const PROXY_KEY = 'codex-smoke-proxy-key';

interface Target {
  readonly name: string;
  /** the model name Codex is configured with: it decides which tools Codex sends */
  readonly codexModel: string;
  /** the routable model that name is aliased to, when it is not the name itself */
  readonly routedTo?: string;
  readonly family: AgentTurn['family'];
}

const translated = (name: string, model: string, family: AgentTurn['family']): Target[] => [
  { name, codexModel: model, family },
  { name: `${name}@gpt-5.5`, codexModel: 'gpt-5.5', routedTo: model, family },
];

const TARGETS: readonly Target[] = [
  { name: 'gpt', codexModel: 'gpt-5.5', family: 'openai-responses' },
  ...translated('claude', 'claude-sonnet-4-5', 'anthropic'),
  ...translated('gemini', 'gemini-2.5-flash', 'gemini'),
  ...translated('deepseek', 'deepseek-chat', 'openai'),
];

/** A Codex patch adding the file (the grammar of its `apply_patch` tool). */
const PATCH = `*** Begin Patch\n*** Add File: ${FILE}\n+${MARK}\n*** End Patch\n`;

/** Codex's tools, whichever set its model name gets: the patch first where the freeform tool is on offer. */
const codexPlan: AgentPlan = (offered) => {
  const patching = offered.includes('apply_patch');
  const command = patching ? `tr a-z A-Z < ${FILE}` : `echo ${MARK} | tr a-z A-Z`;
  const run = offered.includes('exec_command')
    ? { name: 'exec_command', args: { cmd: command } }
    : { name: 'shell', args: { command: ['bash', '-lc', command] } };
  return patching ? [{ name: 'apply_patch', args: { input: PATCH } }, run] : [run];
};

function proxyEnv(upstream: string, target: Target): Record<string, string> {
  return {
    API_KEY: PROXY_KEY,
    LOG_LEVEL: 'error',
    OPENAI_API_KEY: 'mock-openai-key',
    OPENAI_BASE_URL: `${upstream}/v1`,
    ANTHROPIC_API_KEY: 'mock-anthropic-key',
    ANTHROPIC_BASE_URL: upstream,
    GOOGLE_GEN_AI_API_KEY: 'mock-google-key',
    GOOGLE_GEN_AI_BASE_URL: upstream,
    DEEPSEEK_API_KEY: 'mock-deepseek-key',
    DEEPSEEK_BASE_URL: upstream,
    MODEL_ALIASES: target.routedTo ? `${target.codexModel}=${target.routedTo}` : '',
  };
}

function runCodex(codex: string, proxyUrl: string, model: string, work: string): Promise<{ code: number | null; output: string }> {
  const home = mkdtempSync(join(tmpdir(), 'codex-home-'));
  spawnSync('git', ['init', '-q'], { cwd: work });
  writeFileSync(
    join(home, 'config.toml'),
    `model = "${model}"
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
  const prompt = `Create ${FILE} containing ${MARK}, then print it upper-cased with a shell command.`;
  const child = spawn(codex, ['exec', '-s', 'workspace-write', '--skip-git-repo-check', prompt], {
    cwd: work,
    env: { ...process.env, CODEX_HOME: home, LLM_PROXY_API_KEY: PROXY_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/** What Codex sent in its first request, in one line: the fields the issue lists and its tools by type. */
function describeFirst(body: Record<string, any> | undefined): string {
  if (!body) return 'nothing';
  const tools = ((body.tools ?? []) as Array<Record<string, any>>).map((t) =>
    t.type === 'function' ? t.name : t.type === 'namespace' ? `${t.name}{${t.tools.length}}` : `${t.type}:${t.name ?? ''}`,
  );
  const items = ((body.input ?? []) as Array<Record<string, any>>).map((i) => `${i.type}${i.role ? `/${i.role}` : ''}`);
  return [
    `model=${body.model} stream=${body.stream} store=${body.store} instructions=${body.instructions ? 'yes' : 'no'}`,
    `include=${JSON.stringify(body.include)} prompt_cache_key=${body.prompt_cache_key ? 'yes' : 'no'} reasoning=${JSON.stringify(body.reasoning)}`,
    `input=[${items.join(', ')}]`,
    `tools=[${tools.join(', ')}]`,
  ].join('\n    ');
}

async function smoke(codex: string, target: Target, recordDir: string): Promise<boolean> {
  const upstream = await startAgentUpstream(codexPlan);
  const env = proxyEnv(upstream.url, target);
  const inbound: Array<Record<string, any>> = [];
  const proxy = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: async (request: Request) => {
      if (request.method === 'POST') inbound.push((await request.clone().json()) as Record<string, any>);
      return handle(request, env);
    },
  });
  await new Promise<void>((resolve) => (proxy.listening ? resolve() : proxy.once('listening', () => resolve())));
  const work = mkdtempSync(join(tmpdir(), 'codex-work-'));
  try {
    const run = await runCodex(codex, `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, target.codexModel, work);
    writeFileSync(
      join(recordDir, `${target.name}.json`),
      JSON.stringify({ inbound, turns: upstream.turns }, null, 2).replaceAll(PROXY_KEY, '<proxy key>'),
    );
    const planned = codexPlan(toolNames(inbound[0])).length;
    const calls = upstream.turns.filter((t) => t.answered === 'tool_call').length;
    const last = upstream.turns.at(-1);
    const wrongFamily = upstream.turns.filter((t) => t.family !== target.family);
    const patched = existsSync(join(work, FILE)) ? readFileSync(join(work, FILE), 'utf8').trim() : undefined;
    const ok =
      run.code === 0 &&
      calls === planned &&
      last?.answered === 'text' &&
      JSON.stringify(last.body).includes(SHOUTED) &&
      wrongFamily.length === 0;
    const how = target.routedTo ? `Codex model ${target.codexModel} -> ${target.routedTo}` : `Codex model ${target.codexModel}`;
    console.log(`\n== ${target.name} (${how}, ${target.family}): ${ok ? 'PASS' : 'FAIL'} (exit ${run.code})`);
    console.log(`  Codex sent ${inbound.length} request(s); the first:\n    ${describeFirst(inbound[0])}`);
    for (const t of upstream.turns)
      console.log(`  upstream< ${t.family} ${t.url.split('?')[0]} model=${t.model} stream=${t.stream} answered=${t.answered}`);
    console.log(`  planned calls ${planned}, made ${calls}; ${FILE}: ${patched ?? '(none)'}`);
    if (wrongFamily.length) console.log(`  reached the wrong family: ${wrongFamily.map((t) => t.family).join(', ')}`);
    if (!ok) console.log(run.output.slice(-3000));
    return ok;
  } finally {
    proxy.close();
    await upstream.close();
  }
}

function toolNames(body: Record<string, any> | undefined): string[] {
  return ((body?.tools ?? []) as Array<{ name?: string }>).flatMap((t) => (t.name ? [t.name] : []));
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { codex: { type: 'string', default: 'codex' }, record: { type: 'string' } },
});
const recordDir = values.record ?? mkdtempSync(join(tmpdir(), 'codex-smoke-record-'));
mkdirSync(recordDir, { recursive: true });
const chosen = positionals.length ? TARGETS.filter((t) => positionals.includes(t.name)) : TARGETS;
let failed = 0;
for (const target of chosen) if (!(await smoke(values.codex!, target, recordDir))) failed += 1;
console.log(`\n${chosen.length - failed}/${chosen.length} targets passed; requests recorded in ${recordDir}`);
process.exit(failed ? 1 : 0);
