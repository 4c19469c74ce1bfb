/**
 * Vercel Edge Functions and Next.js route handlers: the one fetch handler as a default export
 * (Vercel passes a context with waitUntil) and as one export per HTTP method (Next.js passes
 * route params, which carry no waitUntil). Config comes from process.env, which both provide.
 */
import { handle } from '../app';
import type { ExecutionContext } from '../core/request-context';

const isExecutionContext = (value: unknown): value is ExecutionContext =>
  typeof (value as Partial<ExecutionContext> | undefined)?.waitUntil === 'function';

export default function vercelEdge(request: Request, context?: unknown): Promise<Response> {
  return handle(request, process.env, isExecutionContext(context) ? context : undefined);
}

export { vercelEdge as GET, vercelEdge as HEAD, vercelEdge as OPTIONS, vercelEdge as POST };
