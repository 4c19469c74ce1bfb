/**
 * Typed clients: one plain function per upstream operation of a spec, returning the URL and the
 * `RequestInit` for `fetch` (or any transport taking the same pair). No runtime library and no
 * Request objects, so a call costs what building the two by hand costs; the types come from
 * `schema.d.ts` (body, parameters, response and stream event per operation).
 */
import { Project } from 'ts-morph';

type Json = Record<string, any>;

/** The specs the proxy calls upstream; `ollama.yaml` is the dialect it serves, not a client. */
export const upstreamApis = ['anthropic', 'gemini', 'openai'];

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const pascal = (id: string): string => id.replace(/(^|[_-])([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** The header each security scheme of the spec puts the credential in. */
function authHeader(doc: Json): { name: string; value: string } {
  const schemes = Object.entries((doc.components?.securitySchemes ?? {}) as Record<string, Json>);
  const used = ((doc.security ?? []) as Json[]).flatMap((r) => Object.keys(r));
  const [, scheme] = schemes.find(([n]) => used.includes(n)) ?? [];
  if (scheme?.type === 'http' && scheme.scheme === 'bearer') return { name: 'authorization', value: '`Bearer ${credential}`' };
  if (scheme?.type === 'apiKey' && scheme.in === 'header') return { name: String(scheme.name).toLowerCase(), value: 'credential' };
  throw new Error(`${doc.info?.title}: no header security scheme for the typed client`);
}

function operationFunction(path: string, method: string, op: Json, shared: Json[], auth: { name: string; value: string }): string {
  const id = String(op.operationId);
  const Name = pascal(id);
  const params = [...shared, ...((op.parameters ?? []) as Json[])];
  const has = (where: string) => params.some((p) => p.in === where);
  const content = (op.responses?.['200']?.content ?? {}) as Json;
  const body = op.requestBody?.content?.['application/json'] !== undefined;
  const url = path.replace(/\{([^}]+)\}/g, (_, p: string) => `\${encodeURIComponent(args.path[${JSON.stringify(p)}])}`);
  const query = has('query') ? '?${new URLSearchParams(args.query as Record<string, string>)}' : '';
  const types = [
    `export type ${Name}Operation = operations[${JSON.stringify(id)}];`,
    body ? `export type ${Name}Body = ${Name}Operation['requestBody']['content']['application/json'];` : '',
    content['application/json'] !== undefined
      ? `export type ${Name}Response = ${Name}Operation['responses'][200]['content']['application/json'];`
      : '',
    content['text/event-stream'] !== undefined
      ? `export type ${Name}Event = ${Name}Operation['responses'][200]['content']['text/event-stream'];`
      : '',
  ];
  const argMembers = [
    has('path') ? `path: ${Name}Operation['parameters']['path'];` : '',
    has('query') ? `query: NonNullable<${Name}Operation['parameters']['query']>;` : '',
    has('header') ? `header?: ${Name}Operation['parameters']['header'];` : '',
    body ? `body: ${Name}Body;` : '',
    'signal?: AbortSignal;',
  ];
  const headers = [
    `${JSON.stringify(auth.name)}: ${auth.value}`,
    body ? `'content-type': 'application/json'` : '',
    has('header') ? '...definedOnly(args.header)' : '',
  ];
  return `${types.filter(Boolean).join('\n')}

/** ${method.toUpperCase()} ${path}${op.summary ? `: ${op.summary}` : ''} */
export function ${id}(baseUrl: string, credential: string, args: { ${argMembers.filter(Boolean).join(' ')} }): UpstreamCall {
  return {
    url: \`\${baseUrl}${url}${query}\`,
    init: {
      method: ${JSON.stringify(method.toUpperCase())},
      headers: { ${headers.filter(Boolean).join(', ')} },
      ${body ? 'body: JSON.stringify(args.body),' : ''}
      signal: args.signal,
    },
  };
}
`;
}

export function emitTypedClient(doc: Json): string {
  const auth = authHeader(doc);
  const functions: string[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (op?.operationId) functions.push(operationFunction(path, method, op, (item.parameters ?? []) as Json[], auth));
    }
  }
  const helpers = functions.some((f) => f.includes('definedOnly('))
    ? 'import { definedOnly, type UpstreamCall }'
    : 'import type { UpstreamCall }';
  const source = `${helpers} from '../../src/core/upstream-call';
import type { operations } from './schema';

${functions.join('\n')}`;
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile('client.ts', source);
  file.formatText({ indentSize: 2 });
  return file.getFullText();
}
