// The Prisma client Pothos loads with. Pothos loads a node (node, nodes) with findUnique, the
// where being the id and the model's readable rule (./readable-node.ts). Prisma batches every
// findUnique of one tick, across requests, and a where with a rule cannot be merged into one
// statement: the batch runs as a transaction of its own, and its query plan is compiled for that
// batch's very mix of requests (150-300 ms of the event loop for 16 meeting pages), again for
// each new mix. As findFirst, the same where and selection, each load runs at once on its own,
// with the plan Prisma caches by the query's shape.
// A proxy, not a Prisma client extension: any extension makes Prisma walk every result it returns
// for computed fields (there are none), which cost 3-4 % of a meeting page's CPU.
import type { PrismaClient } from '../generated/prisma/client.js';

const clients = new WeakMap<PrismaClient, PrismaClient>();

const UNBATCHED: Record<PropertyKey, string> = { findUnique: 'findFirst', findUniqueOrThrow: 'findFirstOrThrow' };

/** `prisma`, with findUnique run as findFirst; only for Pothos, which never loads within a transaction. */
export function nodeLoadingClient(prisma: PrismaClient): PrismaClient {
  let client = clients.get(prisma);
  if (!client) {
    const delegates = new Map<PropertyKey, object>();
    client = new Proxy(prisma, {
      get(target, key, receiver) {
        const known = delegates.get(key);
        if (known) return known;
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'object' || value === null || !('findFirst' in value)) return value;
        const delegate = new Proxy(value, { get: (model, method) => Reflect.get(model, UNBATCHED[method] ?? method) });
        delegates.set(key, delegate);
        return delegate;
      },
    });
    clients.set(prisma, client);
  }
  return client;
}
