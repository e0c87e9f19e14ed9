// A Prisma driver adapter whose every statement, in a transaction or not, passes a function first:
// where the statements Prisma sends can be counted or rewritten, whatever Prisma batches or splits.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';

type EachQuery = (query: SqlQuery) => SqlQuery;

function intercepted<T extends Transaction | SqlDriverAdapter>(target: T, each: EachQuery): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'queryRaw' || property === 'executeRaw') {
        return (query: SqlQuery) => value.call(object, each(query));
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) => intercepted(await value.apply(object, args), each);
      }
      return value.bind(object);
    },
  });
}

export function eachQuery<F extends SqlDriverAdapterFactory>(factory: F, each: EachQuery): F {
  return new Proxy(factory, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (property === 'connect' && typeof value === 'function') {
        return async () => intercepted(await value.apply(object, []), each);
      }
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
