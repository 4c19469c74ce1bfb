/**
 * The provider registry: one import per declaration in src/providers/, so adding a provider is
 * adding one file. A declaration is a module whose default export is a `defineProvider(...)` call.
 */
import { Project, SyntaxKind } from 'ts-morph';
import { join } from 'node:path';

export interface ProviderModule {
  /** the provider id, as declared */
  id: string;
  /** module path relative to src/providers, without extension */
  module: string;
}

export function readProviderModules(root: string): ProviderModule[] {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const files = project.addSourceFilesAtPaths(join(root, 'src/providers/*.ts'));
  const modules: ProviderModule[] = [];
  for (const file of files) {
    const exported = file.getExportAssignment((e) => !e.isExportEquals());
    const call = exported?.getExpression().asKind(SyntaxKind.CallExpression);
    if (!call || call.getExpression().getText() !== 'defineProvider') continue;
    const literal = call.getArguments()[0]?.asKindOrThrow(SyntaxKind.ObjectLiteralExpression);
    const id = literal
      ?.getPropertyOrThrow('id')
      .asKindOrThrow(SyntaxKind.PropertyAssignment)
      .getInitializerOrThrow()
      .asKindOrThrow(SyntaxKind.StringLiteral)
      .getLiteralValue();
    if (!id) throw new Error(`${file.getFilePath()}: defineProvider needs a literal id`);
    modules.push({ id, module: file.getBaseNameWithoutExtension() });
  }
  return modules.sort((a, b) => a.module.localeCompare(b.module));
}

const identifier = (module: string): string => module.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export async function emitProviderRegistry(root: string): Promise<string> {
  const modules = readProviderModules(root);
  const imports = modules.map((m) => `import ${identifier(m.module)} from '../src/providers/${m.module}';`).join('\n');
  return `${imports}\n\n/** Every provider declaration in src/providers/, by file name. */\nexport const providers = [\n${modules
    .map((m) => `  ${identifier(m.module)},`)
    .join('\n')}\n] as const;\n`;
}
