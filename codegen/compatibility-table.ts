/**
 * docs/compatibility.md from the field decisions: each family's `fields` object and each
 * provider's `fields` overrides, read statically with ts-morph so the table cannot drift from the
 * code that enforces it.
 */
import { Project, SyntaxKind, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModelEntry } from '../src/core/provider';

interface Decision {
  kind: string;
  why?: string;
}

function readDecisions(literal: ObjectLiteralExpression): Map<string, Decision> {
  const out = new Map<string, Decision>();
  for (const prop of literal.getProperties()) {
    const assignment = prop.asKind(SyntaxKind.PropertyAssignment);
    if (!assignment) continue;
    const call = assignment.getInitializer()?.asKind(SyntaxKind.CallExpression);
    if (!call) continue;
    const argument = call.getArguments()[0];
    // A reason shared by several fields is a named constant.
    const literal =
      argument?.asKind(SyntaxKind.StringLiteral) ??
      argument
        ?.asKind(SyntaxKind.Identifier)
        ?.getDefinitionNodes()[0]
        ?.asKind(SyntaxKind.VariableDeclaration)
        ?.getInitializer()
        ?.asKind(SyntaxKind.StringLiteral);
    const arg = literal?.getLiteralValue();
    out.set(assignment.getName(), { kind: call.getExpression().getText(), ...(arg ? { why: arg } : {}) });
  }
  return out;
}

/**
 * Every `*Fields` object a file declares (a family has one; the Ollama dialect one per request
 * schema), keyed by the skeleton it satisfies (`ChatRequestDecisions`), else by its own name.
 */
function decisionObjects(file: SourceFile): Map<string, Map<string, Decision>> {
  const out = new Map<string, Map<string, Decision>>();
  for (const statement of file.getVariableStatements()) {
    for (const declaration of statement.getDeclarations()) {
      const init = declaration.getInitializer();
      const satisfies = init?.asKind(SyntaxKind.SatisfiesExpression);
      const literal =
        init?.asKind(SyntaxKind.ObjectLiteralExpression) ?? satisfies?.getExpression().asKind(SyntaxKind.ObjectLiteralExpression);
      const name = satisfies?.getTypeNode()?.getText() ?? declaration.getName();
      if (literal && declaration.getName().endsWith('Fields')) out.set(name, readDecisions(literal));
    }
  }
  if (out.size === 0) throw new Error(`${file.getFilePath()}: no *Fields object`);
  return out;
}

interface ProviderColumn {
  id: string;
  name: string;
  family: string;
  overrides: Map<string, Decision>;
  env: string[];
  models: Array<{ id: string; flags: string[]; context?: string }>;
}

/** Every environment variable name a declaration names, in order, with the provider helpers it imports. */
function readEnvNames(file: SourceFile): string[] {
  const helpers = file
    .getImportDeclarations()
    .map((d) => d.getModuleSpecifierSourceFile())
    .filter((f): f is SourceFile => f !== undefined && f.getFilePath().includes('/src/providers/'));
  const names = [file, ...helpers].flatMap((f) => f.getDescendantsOfKind(SyntaxKind.StringLiteral).map((s) => s.getLiteralValue()));
  return [...new Set(names.filter((n) => /^[A-Z][A-Z0-9_]+$/.test(n)))];
}

/**
 * Built-in models, read by loading the declaration: lists may be computed (Vertex derives its ids
 * from Anthropic's), which a static read cannot follow.
 */
async function loadModels(file: string): Promise<ProviderColumn['models']> {
  const mod = (await import(pathToFileURL(file).href)) as { default: { models: readonly ModelEntry[] } };
  return mod.default.models.map((m) => ({
    id: m.id,
    flags: (['tools', 'vision', 'reasoning', 'embedding', 'structuredOutputs'] as const).filter((f) => m[f] === true),
    ...(m.contextWindow ? { context: String(m.contextWindow) } : {}),
  }));
}

async function providerColumns(project: Project, root: string): Promise<ProviderColumn[]> {
  const columns: ProviderColumn[] = [];
  for (const file of project.addSourceFilesAtPaths(join(root, 'src/providers/*.ts'))) {
    const call = file
      .getExportAssignment((e) => !e.isExportEquals())
      ?.getExpression()
      .asKind(SyntaxKind.CallExpression);
    const literal = call?.getArguments()[0]?.asKind(SyntaxKind.ObjectLiteralExpression);
    if (!literal) continue;
    const text = (name: string): string =>
      literal
        .getProperty(name)
        ?.asKind(SyntaxKind.PropertyAssignment)
        ?.getInitializer()
        ?.asKind(SyntaxKind.StringLiteral)
        ?.getLiteralValue() ?? '';
    const family = literal.getProperty('family')?.asKind(SyntaxKind.PropertyAssignment)?.getInitializer()?.getText() ?? '';
    const fields = literal
      .getProperty('fields')
      ?.asKind(SyntaxKind.PropertyAssignment)
      ?.getInitializer()
      ?.asKind(SyntaxKind.ObjectLiteralExpression);
    columns.push({
      id: text('id'),
      name: text('name'),
      family,
      overrides: fields ? readDecisions(fields) : new Map(),
      env: readEnvNames(file),
      models: await loadModels(file.getFilePath()),
    });
  }
  return columns;
}

const symbol: Record<string, string> = { mapped: 'yes', passthrough: 'yes', dropped: 'ignored', unsupported: 'no' };

const dialectWord: Record<string, string> = { mapped: 'translated', passthrough: 'sent as is', dropped: 'ignored', unsupported: 'refused' };

/** An inbound dialect whose requests are translated to the OpenAI chat request: where its decisions live and what to say of them. */
interface DialectDecisions {
  readonly title: string;
  /** the `*Fields` file, from the root */
  readonly file: string;
  /** what a skeleton's name starts with that the heading leaves out */
  readonly prefix?: RegExp;
  readonly intro: readonly string[];
}

const DIALECTS: readonly DialectDecisions[] = [
  {
    title: 'The Ollama dialect',
    file: 'src/dialects/ollama/ollama-request-fields.ts',
    prefix: /^Ollama/,
    intro: [
      'Generated from `src/dialects/ollama/ollama-request-fields.ts`: what each field of an Ollama request',
      'becomes on its way to the OpenAI chat request above (then each provider column applies).',
      '`test/ollama-dialect/request-mapping.test.ts` checks each decision against the converters;',
      '`refused` answers a 400 naming the field.',
    ],
  },
  {
    title: 'The OpenAI Responses dialect',
    file: 'src/dialects/openai-responses/responses-request-fields.ts',
    intro: [
      'Generated from `src/dialects/openai-responses/responses-request-fields.ts`, which satisfies the',
      'skeleton generated from the Responses subset of `specs/openai.yaml`, one decision per field of',
      '`CreateResponse` (a field added there stops the build until it is decided): what each field of',
      '`POST /v1/responses` becomes on its way to the',
      'OpenAI chat request above, for every provider but OpenAI and Azure (then each provider column',
      'applies). OpenAI and Azure get the body as the client sent it, on their own `/responses`, unless',
      '`RESPONSES_NATIVE=off`. `refused` answers a 400 naming the field.',
    ],
  },
];

/** A dialect's own decisions, one table per request schema it declares. */
function dialectSection(project: Project, root: string, dialect: DialectDecisions): string[] {
  const file = project.addSourceFileAtPath(join(root, dialect.file));
  const lines = [`## ${dialect.title}`, '', ...dialect.intro, ''];
  for (const [name, decisions] of decisionObjects(file)) {
    const schema = name.replace(dialect.prefix ?? '', '').replace(/Decisions$/, '');
    lines.push(`### ${schema}`, '', '| field | decision | how |', '|---|---|---|');
    for (const [field, d] of decisions) lines.push(`| \`${field}\` | ${dialectWord[d.kind] ?? d.kind} | ${d.why ?? ''} |`);
    lines.push('');
  }
  return lines;
}

export async function emitCompatibilityTable(root: string): Promise<string> {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const families = new Map<string, Map<string, Decision>>();
  for (const file of project.addSourceFilesAtPaths(join(root, 'src/families/*/chat-request-fields.ts'))) {
    families.set(file.getDirectory().getBaseName(), [...decisionObjects(file).values()][0]!);
  }
  const familyDir = (identifier: string): string => identifier.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const columns = (await providerColumns(project, root)).sort((a, b) => a.id.localeCompare(b.id));
  const fields = [...new Set([...families.values()].flatMap((m) => [...m.keys()]))];
  const notes: string[] = [];
  const noteIndex = new Map<string, number>();
  const cell = (d: Decision | undefined, who: string): string => {
    if (!d) return '?';
    const word = symbol[d.kind] ?? d.kind;
    if (!d.why || d.kind === 'mapped') return word;
    const key = `${who}: ${d.why}`;
    if (!noteIndex.has(key)) {
      notes.push(key);
      noteIndex.set(key, notes.length);
    }
    return `${word} [${noteIndex.get(key)}]`;
  };
  const lines = [
    '# Compatibility: OpenAI chat parameters by provider',
    '',
    'Generated by `npm run codegen` from the field decisions in `src/families/*/chat-request-fields.ts`',
    'and the `fields` overrides in `src/providers/*.ts`; do not edit. `yes`: translated or sent upstream;',
    '`ignored`: accepted and not sent; `no`: a non-default value is refused with a 400 naming the field.',
    '',
    'What the tests prove about this table: `test/families/field-decisions-reach-the-body.test.ts` sends,',
    'for every provider and every parameter, the same request with and without it through the',
    "family's request converter. Each `yes` changed the upstream body for at least one of the",
    "provider's built-in models (except where the decision acts outside the body: the model and",
    "`stream` in Gemini's URL, `stream_options` as usage read from the Anthropic, Gemini and Groq",
    'streams; there the body is checked to stay the same). Each `ignored` left the body unchanged',
    'for every model. Each `no` was refused with a 400 naming the parameter, and its OpenAI default',
    '(`n: 1`, `logprobs: false`, ...) went through. A parameter labelled `yes` with no code behind it',
    'fails that test.',
    '',
    `| parameter | ${columns.map((c) => c.id).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
  ];
  for (const field of fields) {
    const row = columns.map((c) => {
      const override = c.overrides.get(field);
      return override ? cell(override, c.name) : cell(families.get(familyDir(c.family))?.get(field), `${familyDir(c.family)} family`);
    });
    lines.push(`| \`${field}\` | ${row.join(' | ')} |`);
  }
  lines.push('', '## Notes', '', ...notes.map((n, i) => `${i + 1}. ${n}`), '');
  for (const [family, decisions] of families) {
    lines.push(`## How the ${family} family translates`, '');
    for (const [field, d] of decisions) if (d.kind === 'mapped' && d.why) lines.push(`- \`${field}\`: ${d.why}`);
    lines.push('');
  }
  for (const dialect of DIALECTS) lines.push(...dialectSection(project, root, dialect));
  lines.push('## Providers', '', '| id | name | family | environment |', '|---|---|---|---|');
  for (const c of columns) lines.push(`| ${c.id} | ${c.name} | ${familyDir(c.family)} | ${c.env.map((e) => `\`${e}\``).join(', ')} |`);
  lines.push(
    '',
    '## Built-in models',
    '',
    "`<PREFIX>_MODELS` replaces a provider's list; any other model is reachable as `<provider>/<model>`.",
    '',
  );
  lines.push('| provider | model | context | capabilities |', '|---|---|---|---|');
  for (const c of columns) {
    for (const m of c.models) lines.push(`| ${c.id} | \`${m.id}\` | ${m.context ?? ''} | ${m.flags.join(', ')} |`);
    if (c.models.length === 0) lines.push(`| ${c.id} | (from ${c.env.find((e) => e.endsWith('_MODELS')) ?? 'its settings'}) | | |`);
  }
  lines.push('');
  return lines.join('\n');
}
