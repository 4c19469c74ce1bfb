/**
 * Typed clients: one plain function per upstream operation of a spec, returning the call in the
 * shape `sendUpstream` takes (`src/core/upstream-call.ts`): method, URL with its path segments
 * checked and encoded, header parameters, the body serialized once, and the auth of the spec's
 * security scheme. No runtime library and no Request objects, so a call costs what building it by
 * hand costs; the types come from `schema.d.ts` (body, parameters, reply and stream event per
 * operation).
 */
import { Project } from 'ts-morph';

type Json = Record<string, any>;

/** The specs the proxy calls upstream; `ollama.yaml` is the dialect it serves, not a client. */
export const upstreamApis = ['anthropic', 'cohere', 'coze', 'gemini', 'openai'];

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const pascal = (id: string): string => id.replace(/(^|[_-])([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** The header each security scheme of the spec puts the credential in. */
function authHeader(doc: Json): { name: string; value: string; says: string } {
  const schemes = Object.entries((doc.components?.securitySchemes ?? {}) as Record<string, Json>);
  const used = ((doc.security ?? []) as Json[]).flatMap((r) => Object.keys(r));
  const [, scheme] = schemes.find(([n]) => used.includes(n)) ?? [];
  if (scheme?.type === 'http' && scheme.scheme === 'bearer')
    return { name: 'authorization', value: '`Bearer ${key}`', says: '`Authorization: Bearer <key>`' };
  if (scheme?.type === 'apiKey' && scheme.in === 'header') {
    const name = String(scheme.name).toLowerCase();
    return { name, value: 'key', says: `\`${name}: <key>\`` };
  }
  throw new Error(`${doc.info?.title}: no header security scheme for the typed client`);
}

function operationFunction(path: string, method: string, op: Json, shared: Json[]): string {
  const id = String(op.operationId);
  const Name = pascal(id);
  const params = [...shared, ...((op.parameters ?? []) as Json[])];
  const has = (where: string) => params.some((p) => p.in === where);
  const content = (op.responses?.['200']?.content ?? {}) as Json;
  const body = op.requestBody?.content?.['application/json'] !== undefined;
  const reply = content['application/json'] !== undefined;
  const url = path.replace(/\{([^}]+)\}/g, (_, p: string) => `\${urlSegment(args.path[${JSON.stringify(p)}], ${JSON.stringify(p)})}`);
  const types = [
    `export type ${Name}Operation = operations[${JSON.stringify(id)}];`,
    body ? `export type ${Name}Body = ${Name}Operation['requestBody']['content']['application/json'];` : '',
    reply ? `export type ${Name}Response = ${Name}Operation['responses'][200]['content']['application/json'];` : '',
    content['text/event-stream'] !== undefined
      ? `export type ${Name}Event = ${Name}Operation['responses'][200]['content']['text/event-stream'];`
      : '',
  ];
  const argMembers = [
    has('path') ? `path: ${Name}Operation['parameters']['path'];` : '',
    has('query') ? `query: NonNullable<${Name}Operation['parameters']['query']>;` : '',
    has('header') ? `header?: ${Name}Operation['parameters']['header'];` : '',
    // Path quirks of a provider that the spec does not name (Azure's api-version).
    'search?: string | undefined;',
  ];
  const headers = [body ? `'content-type': 'application/json'` : '', has('header') ? '...definedOnly(args.header)' : ''];
  const argsType = `{ ${argMembers.filter(Boolean).join(' ')} }${body ? ` & JsonBody<${Name}Body>` : ''}`;
  const returns = `${body && method === 'post' ? 'UpstreamPostCall' : 'UpstreamCall'}<${reply ? `${Name}Response` : 'never'}>`;
  return `${types.filter(Boolean).join('\n')}

/** ${method.toUpperCase()} ${path}${op.summary ? `: ${op.summary}` : ''} */
export function ${id}(baseUrl: string, credential: Credential, args: ${argsType}): ${returns} {
  return {
    method: ${JSON.stringify(method.toUpperCase())},
    url: withQuery(\`\${baseUrl}${url}\`, ${has('query') ? 'args.query' : 'undefined'}, args.search),
    headers: { ${headers.filter(Boolean).join(', ')} },
    ${body ? 'body: serialize(args),' : ''}
    auth: authOf(credential),
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
      if (op?.operationId) functions.push(operationFunction(path, method, op, (item.parameters ?? []) as Json[]));
    }
  }
  const all = functions.join('\n');
  const used = (name: string) => new RegExp(`\\b${name}\\b`).test(all);
  const values = ['definedOnly', 'serialize', 'withQuery'].filter(used);
  const types = ['Credential', 'JsonBody', 'UpstreamCall', 'UpstreamPostCall'].filter(used).map((t) => `type ${t}`);
  const source = `import { ${[...values, ...types].join(', ')} } from '../../src/core/upstream-call';
${used('urlSegment') ? "import { urlSegment } from '../../src/core/url-segment';\n" : ''}import type { operations } from './schema';

/** The spec's security scheme: ${auth.says}. */
export const keyHeaders = (key: string): Record<string, string> => ({ ${JSON.stringify(auth.name)}: ${auth.value} });

const authOf = (credential: Credential): ((refresh: boolean) => Promise<Record<string, string>>) =>
  typeof credential === 'string' ? async () => keyHeaders(credential) : credential;

${all}`;
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile('client.ts', source);
  file.formatText({ indentSize: 2 });
  return file.getFullText();
}
