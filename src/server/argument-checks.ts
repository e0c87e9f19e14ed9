// Arguments refused with BAD_USER_INPUT (naming the argument) before anything executes:
// - `first`/`last`: negative or above MAX_PAGE_SIZE, instead of being clamped; likewise more than
//   MAX_PAGE_SIZE IDs for `nodes`;
// - `after`/`before` of every connection: only cursors this API hands out (a crafted one would
//   reach the database as whatever value it decodes to);
// - a NUL byte in any text, which PostgreSQL cannot store or compare.
import {
  getNamedType,
  GraphQLError,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { decodeCursorChunk } from '@pothos/core';
import type { Plugin } from 'graphql-yoga';
import { badInput } from '../errors.js';
import { MAX_PAGE_SIZE } from '../schema/builder.js';
import { isUuid } from '../global-id.js';

/** Prisma connections page by record id (`GPC:` cursors), search by offset (`OffsetConnection:`, plugin-relay). */
function isOurCursor(cursor: string): boolean {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (Buffer.from(decoded, 'utf8').toString('base64') !== cursor) return false;
  if (decoded.startsWith('OffsetConnection:')) return /^\d{1,9}$/.test(decoded.slice('OffsetConnection:'.length));
  if (!decoded.startsWith('GPC:')) return false;
  try {
    return isUuid(decodeCursorChunk(decoded.slice(4)));
  } catch {
    return false;
  }
}

const hasNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\0')
    : Array.isArray(value)
      ? value.some(hasNul)
      : typeof value === 'object' && value !== null && Object.values(value).some(hasNul);

/** What to check of a document's arguments, in document order; the values come with each request's variables. */
type Check = { kind: 'nodes'; ids: ValueNode } | { kind: 'argument'; name: string; value: ValueNode; ofConnection: boolean };

/**
 * The checks of each document, found once: walking a document with the schema's type information
 * cost more than any other step of a small operation. Yoga's parse cache hands out the same
 * document for the same text, and there is one schema.
 */
const checksOfDocument = new WeakMap<DocumentNode, Check[]>();

function checksOf(schema: GraphQLSchema, document: DocumentNode): Check[] {
  let checks = checksOfDocument.get(document);
  if (checks) return checks;
  const found: Check[] = (checks = []);
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const ids = node.name.value === 'nodes' && node.arguments?.find((argument) => argument.name.value === 'ids');
        if (ids) found.push({ kind: 'nodes', ids: ids.value });
      },
      Argument(node) {
        const field = typeInfo.getFieldDef();
        found.push({ kind: 'argument', name: node.name.value, value: node.value, ofConnection: !!field && getNamedType(field.type).name.endsWith('Connection') });
      },
    }),
  );
  checksOfDocument.set(document, checks);
  return checks;
}

function checkArguments(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}) {
  for (const check of checksOf(schema, document)) {
    if (check.kind === 'nodes') {
      const value = valueFromASTUntyped(check.ids, variables);
      if (Array.isArray(value) && value.length > MAX_PAGE_SIZE) throw badInput(`nodes takes at most ${MAX_PAGE_SIZE} IDs.`, 'ids');
      continue;
    }
    const { name, ofConnection } = check;
    const value = valueFromASTUntyped(check.value, variables);
    if (hasNul(value)) throw badInput(`${name} must not contain a NUL character.`, name);
    if ((name === 'first' || name === 'last') && typeof value === 'number') {
      if (value < 0) throw badInput(`${name} must not be negative.`, name);
      if (value > MAX_PAGE_SIZE) throw badInput(`${name} must not be more than ${MAX_PAGE_SIZE}.`, name);
    }
    if (ofConnection && (name === 'after' || name === 'before') && typeof value === 'string' && !isOurCursor(value)) {
      throw badInput(`${name} is not a cursor of this list.`, name);
    }
  }
}

// A refusal is the operation's result rather than a thrown error, so that over WebSocket it answers
// this one operation and does not end the socket.
function refuseBadArguments({ args, setResultAndStopExecution }: {
  args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: Record<string, unknown> | null };
  setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
}) {
  try {
    checkArguments(args.schema, args.document, args.variableValues ?? undefined);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    setResultAndStopExecution({ errors: [error] });
  }
}

export const argumentChecks: Plugin = { onExecute: refuseBadArguments, onSubscribe: refuseBadArguments };
