/**
 * Mapping skeletons: for each translation, a type with one required member per field of the
 * source schema. A hand-written mapper satisfies it, so a field added to the spec is a compile
 * error until someone decides what happens to it.
 */
import { Project, type PropertySignature, SyntaxKind } from 'ts-morph';

export interface MappingSkeleton {
  /** file name under generated/mappings/ */
  file: string;
  /** spec name under specs/ */
  api: string;
  /** schema under components.schemas */
  schema: string;
  /** the emitted interface */
  typeName: string;
}

export const mappingSkeletons: MappingSkeleton[] = [
  { file: 'chat-request', api: 'openai', schema: 'CreateChatCompletionRequest', typeName: 'ChatRequestDecisions' },
  { file: 'responses-request', api: 'openai', schema: 'CreateResponse', typeName: 'ResponsesRequestDecisions' },
  { file: 'ollama-chat-request', api: 'ollama', schema: 'ChatRequest', typeName: 'OllamaChatRequestDecisions' },
  { file: 'ollama-generate-request', api: 'ollama', schema: 'GenerateRequest', typeName: 'OllamaGenerateRequestDecisions' },
  { file: 'ollama-model-options', api: 'ollama', schema: 'ModelOptions', typeName: 'OllamaModelOptionsDecisions' },
  { file: 'ollama-embed-request', api: 'ollama', schema: 'EmbedRequest', typeName: 'OllamaEmbedRequestDecisions' },
  { file: 'ollama-embeddings-request', api: 'ollama', schema: 'EmbeddingsRequest', typeName: 'OllamaEmbeddingsRequestDecisions' },
];

function schemaMembers(source: string, schema: string): PropertySignature[] {
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile('schema.d.ts', source);
  const schemas = file
    .getInterfaceOrThrow('components')
    .getPropertyOrThrow('schemas')
    .getTypeNodeOrThrow()
    .asKindOrThrow(SyntaxKind.TypeLiteral);
  const node = schemas.getPropertyOrThrow(schema).getTypeNodeOrThrow();
  // An open schema (`additionalProperties: true`) is emitted as `{...named fields} & {[key: string]: unknown}`.
  const parts = node.asKind(SyntaxKind.IntersectionType)?.getTypeNodes() ?? [node];
  return parts.flatMap((part) => part.asKindOrThrow(SyntaxKind.TypeLiteral).getProperties());
}

export function emitMappingSkeleton(skeleton: MappingSkeleton, schemaSource: string): string {
  const project = new Project({ useInMemoryFileSystem: true });
  const out = project.createSourceFile('skeleton.ts');
  out.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '../../src/core/field-decisions',
    namedImports: ['FieldDecision'],
  });
  const members = schemaMembers(schemaSource, skeleton.schema);
  out.addInterface({
    name: skeleton.typeName,
    isExported: true,
    docs: [`One decision per field of \`${skeleton.schema}\` in specs/${skeleton.api}.yaml.`],
    properties: members.map((m) => ({ name: m.getName(), type: 'FieldDecision', isReadonly: true })),
  });
  out.addVariableStatement({
    isExported: true,
    declarationKind: 'const' as never,
    declarations: [
      {
        name: `${skeleton.typeName.charAt(0).toLowerCase()}${skeleton.typeName.slice(1)}Fields`,
        initializer: `[${members.map((m) => `'${m.getName()}'`).join(', ')}] as const`,
      },
    ],
  });
  out.formatText({ indentSize: 2 });
  return out.getFullText();
}
