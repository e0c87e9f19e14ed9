// Counts the SQL statements a request sends, at the driver adapter: what really reaches the
// database, whatever Prisma batches or splits. Tests assert the count (N+1 guard); benchmarks print it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';

export interface QueryStats {
  statements: number;
}

const current = new AsyncLocalStorage<QueryStats>();

export function withQueryStats<T>(stats: QueryStats, fn: () => T): T {
  return current.run(stats, fn);
}

function counted<T extends Transaction | SqlDriverAdapter>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'queryRaw' || property === 'executeRaw') {
        return (...args: unknown[]) => {
          const stats = current.getStore();
          if (stats) stats.statements += 1;
          return value.apply(object, args);
        };
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) => counted(await value.apply(object, args));
      }
      return value.bind(object);
    },
  });
}

export function countingAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  return new Proxy(factory, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (property === 'connect' && typeof value === 'function') {
        return async () => counted(await value.apply(object, []));
      }
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
