/**
 * What a family (or a provider on top of it) does with one field of an inbound request.
 * The generated skeletons in `generated/mappings/` list every field of the source schema, so a
 * spec change that adds a field stops compilation until a mapper decides about it. The same
 * declarations drive the request at run time and generate `docs/compatibility.md`.
 */
export type FieldDecision =
  | { readonly kind: 'mapped'; readonly note?: string }
  | { readonly kind: 'passthrough' }
  | { readonly kind: 'dropped'; readonly why: string }
  | { readonly kind: 'unsupported'; readonly why: string };

/** Translated by hand-written code in the family mapper. */
export const mapped = (note?: string): FieldDecision => (note ? { kind: 'mapped', note } : { kind: 'mapped' });
/** Sent upstream unchanged. */
export const passthrough = (): FieldDecision => ({ kind: 'passthrough' });
/** Removed before the request goes upstream; the request still succeeds. */
export const dropped = (why: string): FieldDecision => ({ kind: 'dropped', why });
/** A non-default value is refused with a 400 that names the field. */
export const unsupported = (why: string): FieldDecision => ({ kind: 'unsupported', why });
