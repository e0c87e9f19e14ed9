// Global IDs: base64 of "<Type>:<UUID>". Decoded here, strictly, so that a wrong or malformed ID
// in any argument is a clear BAD_USER_INPUT naming it, and an unknown one a NOT_FOUND.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: unknown) => typeof id === 'string' && UUID.test(id);

/** Type and id of a well-formed global ID (canonical base64), or undefined. */
export function decodeGlobalId(globalId: string): { typename: string; id: string } | undefined {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1 || Buffer.from(decoded).toString('base64') !== globalId) return undefined;
  return { typename: decoded.slice(0, colon), id: decoded.slice(colon + 1) };
}

export const malformedId = (globalId: string, argument: string) => badInput(`"${globalId}" is not a valid ID.`, argument);

export function idOf(globalId: string, typename: string, argument: string): string {
  const decoded = decodeGlobalId(globalId);
  if (!decoded) throw malformedId(globalId, argument);
  if (decoded.typename !== typename) {
    throw badInput(`${argument} must be the ID of a ${typename}, not of a ${decoded.typename}.`, argument);
  }
  if (!isUuid(decoded.id)) throw malformedId(globalId, argument);
  return decoded.id;
}

export const idsOf = (globalIds: readonly string[], typename: string, argument: string) =>
  globalIds.map((globalId) => idOf(globalId, typename, argument));

export const globalIdOf = (typename: string, id: string) => encodeGlobalID(typename, id);
