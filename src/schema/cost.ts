// What a field costs (@pothos/plugin-complexity), in rows read or their equivalent in work, so that
// the limit (src/server/cost-limit.ts) admits what a frontend or a live display asks for and
// refuses what would load the database. Page sizes count whether literal or from variables
// (the plugin reads the coerced arguments); every alias is a field of its own.
import { getNamedType, getNullableType, isLeafType, isListType, type GraphQLField } from 'graphql';

/** The page size of a connection without `first`/`last` (the builder's defaultConnectionSize). */
export const DEFAULT_PAGE_SIZE = 20;

/** Loading one record by global ID: the record and the visibility check, each a query. */
const NODE_LOAD = 5;

/** Expected lengths of plain lists (a meeting's agenda, its attendance); other lists count as 10. */
const LIST_LENGTHS: Record<string, number> = { agendaItems: 30, attendance: 40, organizations: 5, papers: 3, votes: 3, consultations: 3, files: 5 };
const DEFAULT_LIST_LENGTH = 10;

/** Fields whose work is far more than a row: weighed by their measured cost relative to a row. */
export const expensive = {
  /** Rendering the minutes of a whole meeting (MARKDOWN/HTML); PDF is a link, rendered by its route. */
  minutes: (args: { format: string }) => (args.format === 'PDF' ? 5 : 1_000),
  /** Rebuilding the report of open resolutions over a period. */
  resolutionsReport: 1_000,
  /** A full-text query, plus each hit. */
  search: (args: { first?: number | null; last?: number | null }) => ({ field: 200, multiplier: pageSize(args) }),
  /** The extracted text of a file: up to megabytes. */
  fileText: 50,
} as const;

export function pageSize(args: { first?: unknown; last?: unknown }): number {
  const size = args.first ?? args.last;
  return typeof size === 'number' ? Math.max(size, 0) : DEFAULT_PAGE_SIZE;
}

/** The cost of every field without its own `complexity`: objects and list elements count as rows, scalars as nothing. */
export function fieldCost(args: Record<string, unknown>, _ctx: object, field: GraphQLField<unknown, any>): { field: number; multiplier: number } {
  const type = getNullableType(field.type);
  const named = getNamedType(field.type);
  if (field.args.some((arg) => arg.name === 'first')) return { field: 1, multiplier: pageSize(args) };
  // The connection has counted its page; its edges are the same rows.
  if (field.name === 'edges' && named.name.endsWith('Edge')) return { field: 0, multiplier: 1 };
  if (field.name === 'nodes' && Array.isArray(args.ids)) return { field: 1 + NODE_LOAD * args.ids.length, multiplier: args.ids.length };
  if (field.name === 'node' && 'id' in args) return { field: NODE_LOAD, multiplier: 1 };
  if (isLeafType(named)) return { field: 0, multiplier: 1 };
  if (isListType(type)) {
    const length = LIST_LENGTHS[field.name] ?? DEFAULT_LIST_LENGTH;
    return { field: 1 + length, multiplier: length };
  }
  return { field: 1, multiplier: 1 };
}
