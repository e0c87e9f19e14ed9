// Description texts that many fields share, so that the schema says the same thing the same way.
import type { ErrorCode } from '../errors.js';

export const CREATED = 'When the record was created in this archive (UTC).';
export const MODIFIED = 'When the record was last changed (UTC); clients use it for incremental sync.';
/** Appended to fields of a non-public agenda item that only its entitled readers see. */
export const HIDDEN_NOTE = ' Null for a non-public item the viewer may not read.';

/**
 * The description of a write: what it does, then who may call it and the error codes it can
 * raise. Writes are for clerks and admins (src/schema/builder.ts), unless `who` says otherwise.
 */
export function mutation(what: string, codes: ErrorCode[], who = 'Clerks and admins only.'): string {
  const all: ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', ...codes];
  return `${what}\n\n${who} Errors: ${all.join(', ')}.`;
}
