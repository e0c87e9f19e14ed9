// Every prismaNode spreads `readableNode(<model>)`: `node`/`nodes` load a record with the model's
// readable filter in the load itself, so a hidden record is simply not found, in the same one
// query an unknown ID costs (src/access/visibility.ts). There is no check after the load.
import { readable, type ReadableModel } from '../access/visibility.js';
import type { Context } from './context.js';

const node = (model: ReadableModel) => ({
  id: { field: 'id' as const },
  // Not found is null here; node/nodes answer NOT_FOUND (builder.ts).
  nullable: true,
  // The where of findUnique: the id and the rule; typed per model by the caller's prismaNode.
  findUnique: ((id: string, ctx: Context) => ({ id, AND: [readable[model](ctx.viewer)] })) as never,
});

/**
 * Select mode: a load fetches only the columns the query's fields need, so that a list of
 * meetings does not pull every item's protocol text; each field that reads a column declares it.
 * `columns` names short ones every load brings along: code may read them without a field, and the
 * fields that expose them resolve without a check per row (./loaded-columns.ts). Long texts and
 * instants (a Date per row) stay with the fields that ask for them.
 */
export const readableNode = <const Columns extends Record<string, true> = {}>(model: ReadableModel, columns?: Columns) => ({
  ...node(model),
  select: { id: true as const, ...(columns as Columns) },
});

/** Include mode: every column, for a type whose columns are short anyway. */
export const readableNodeWithAllColumns = node;
