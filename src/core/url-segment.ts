/**
 * A client-supplied string (a model name) as one segment of an upstream URL. Percent-encoded so
 * that `/`, `?`, `#` and `:` cannot add path segments, a query or a method; names that could only
 * be an attempt to leave the segment (`..`, control characters, `/..`, `?`, `#`) are a 400 before
 * any upstream call, so the operator's credentials never go to another path.
 */
import { badRequest } from './errors';

const REFUSED = /[\u0000-\u001f\u007f?#\\]|(^|\/)\.\.?(\/|$)/;

export function urlSegment(value: string, param = 'model'): string {
  if (value === '' || REFUSED.test(value)) {
    throw badRequest(
      `\`${param}\` names a model the upstream URL cannot carry (it is empty, or has control characters, \`/..\`, \`?\`, \`#\` or \`\\\`); use the model's id as its provider spells it.`,
      param,
      'invalid_model_name',
    );
  }
  // `@` is allowed in a segment as is, and Vertex's dated ids carry one (claude-sonnet-4@20250514).
  return encodeURIComponent(value).replace(/%40/g, '@');
}
