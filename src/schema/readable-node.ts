// Every prismaNode spreads `readableNode(<model>)`: `node`/`nodes` load a record with the model's
// readable filter in the load itself, so a hidden record is simply not found, in the same one
// query an unknown ID costs (src/access/visibility.ts). There is no check after the load.
import { readable, type ReadableModel } from '../access/visibility.js';
import type { Context } from './context.js';

export const readableNode = (model: ReadableModel) => ({
  id: { field: 'id' as const },
  // Not found is null here; node/nodes answer NOT_FOUND (builder.ts).
  nullable: true,
  // The where of findUnique: the id and the rule; typed per model by the caller's prismaNode.
  findUnique: ((id: string, ctx: Context) => ({ id, AND: [readable[model](ctx.viewer)] })) as never,
});
