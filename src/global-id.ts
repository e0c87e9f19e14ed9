// Global IDs (Relay's base64 "Type:uuid"): decoded once here so that a wrong or malformed ID is a
// clear BAD_USER_INPUT, and an unknown one a NOT_FOUND, the same everywhere — in GraphQL arguments
// and in the paths of the plain routes alike.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

export function idOf(globalId: string, typename: string, argument: string): string {
  const decoded = decodeGlobalID(globalId);
  if (decoded.typename !== typename) {
    throw badInput(`${argument} must be the ID of a ${typename}, not of a ${decoded.typename}.`, argument);
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(decoded.id)) {
    throw badInput(`"${globalId}" is not a valid ID.`, argument);
  }
  return decoded.id;
}

export const idsOf = (globalIds: readonly string[], typename: string, argument: string) =>
  globalIds.map((globalId) => idOf(globalId, typename, argument));

export const globalIdOf = (typename: string, id: string) => encodeGlobalID(typename, id);
