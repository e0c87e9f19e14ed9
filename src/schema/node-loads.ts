// The Prisma client Pothos loads with. Pothos loads a node (node, nodes) with findUnique, the
// where being the id and the model's readable rule (./readable-node.ts). Prisma batches every
// findUnique of one tick, across requests, and a where with a rule cannot be merged into one
// statement: the batch runs as a transaction of its own, and its query plan is compiled for that
// batch's very mix of requests (150-300 ms of the event loop for 16 meeting pages), again for
// each new mix. As findFirst, the same where and selection, each load runs at once on its own,
// with the plan Prisma caches by the query's shape.
import type { PrismaClient } from '../generated/prisma/client.js';

const clients = new WeakMap<PrismaClient, PrismaClient>();

type Delegate = { findFirst(args: unknown): Promise<unknown> };

/** `prisma`, with findUnique run as findFirst; only for Pothos, which never loads within a transaction. */
export function nodeLoadingClient(prisma: PrismaClient): PrismaClient {
  let client = clients.get(prisma);
  if (!client) {
    client = prisma.$extends({
      name: 'unbatchedNodeLoads',
      query: {
        $allModels: {
          findUnique: ({ model, args }) => (prisma[`${model[0]!.toLowerCase()}${model.slice(1)}` as keyof PrismaClient] as unknown as Delegate).findFirst(args),
        },
      },
    }) as unknown as PrismaClient;
    clients.set(prisma, client);
  }
  return client;
}
