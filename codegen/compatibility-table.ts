/**
 * docs/compatibility.md from the field decisions: each family's `fields` object and each
 * provider's `fields` overrides, read statically with ts-morph so the table cannot drift from the
 * code that enforces it.
 */
import { Project, SyntaxKind, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';
import { join } from 'node:path';

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
    const arg = call.getArguments()[0]?.asKind(SyntaxKind.StringLiteral)?.getLiteralValue();
    out.set(assignment.getName(), { kind: call.getExpression().getText(), ...(arg ? { why: arg } : {}) });
  }
  return out;
}

function familyDecisions(file: SourceFile): Map<string, Decision> {
  for (const statement of file.getVariableStatements()) {
    for (const declaration of statement.getDeclarations()) {
      const init = declaration.getInitializer();
      const literal =
        init?.asKind(SyntaxKind.ObjectLiteralExpression) ??
        init?.asKind(SyntaxKind.SatisfiesExpression)?.getExpression().asKind(SyntaxKind.ObjectLiteralExpression);
      if (literal && declaration.getName().endsWith('RequestFields')) return readDecisions(literal);
    }
  }
  throw new Error(`${file.getFilePath()}: no *RequestFields object`);
}

interface ProviderColumn {
  id: string;
  name: string;
  family: string;
  overrides: Map<string, Decision>;
  env: string[];
  models: Array<{ id: string; flags: string[]; context?: string }>;
}

/** Built-in catalog entries: id, capability flags set to true, and the context window. */
function readModels(literal: ObjectLiteralExpression): ProviderColumn['models'] {
  const array = literal
    .getProperty('models')
    ?.asKind(SyntaxKind.PropertyAssignment)
    ?.getInitializer()
    ?.asKind(SyntaxKind.ArrayLiteralExpression);
  return (array?.getElements() ?? []).flatMap((element) => {
    const entry = element.asKind(SyntaxKind.ObjectLiteralExpression);
    if (!entry) return [];
    const value = (name: string) => entry.getProperty(name)?.asKind(SyntaxKind.PropertyAssignment)?.getInitializer();
    const id = value('id')?.asKind(SyntaxKind.StringLiteral)?.getLiteralValue();
    if (!id) return [];
    const flags = ['tools', 'vision', 'reasoning', 'embedding'].filter((f) => value(f)?.getText() === 'true');
    const context = value('contextWindow')?.getText();
    return [{ id, flags, ...(context ? { context } : {}) }];
  });
}

/** Every environment variable name a declaration reads, in the order it names them. */
function readEnvNames(literal: ObjectLiteralExpression): string[] {
  const names = literal.getDescendantsOfKind(SyntaxKind.StringLiteral).map((s) => s.getLiteralValue());
  return [...new Set(names.filter((n) => /^[A-Z][A-Z0-9_]+$/.test(n)))];
}

function providerColumns(project: Project, root: string): ProviderColumn[] {
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
      env: readEnvNames(literal),
      models: readModels(literal),
    });
  }
  return columns;
}

const symbol: Record<string, string> = { mapped: 'yes', passthrough: 'yes', dropped: 'ignored', unsupported: 'no' };

export async function emitCompatibilityTable(root: string): Promise<string> {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const families = new Map<string, Map<string, Decision>>();
  for (const file of project.addSourceFilesAtPaths(join(root, 'src/families/*/chat-request-fields.ts'))) {
    families.set(file.getDirectory().getBaseName(), familyDecisions(file));
  }
  const familyDir = (identifier: string): string => identifier.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const columns = providerColumns(project, root).sort((a, b) => a.id.localeCompare(b.id));
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
