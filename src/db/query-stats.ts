// Counts the SQL statements a request sends, at the driver adapter: what really reaches the
// database, whatever Prisma batches or splits. Tests assert the count (N+1 guard); benchmarks print it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { eachQuery } from './adapter-queries.js';

export interface QueryStats {
  statements: number;
}

const current = new AsyncLocalStorage<QueryStats>();

export function withQueryStats<T>(stats: QueryStats, fn: () => T): T {
  return current.run(stats, fn);
}

export const countingAdapter = <F extends SqlDriverAdapterFactory>(factory: F): F =>
  eachQuery(factory, (query) => {
    const stats = current.getStore();
    if (stats) stats.statements += 1;
    return query;
  });
