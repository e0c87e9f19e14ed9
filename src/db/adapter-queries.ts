// A Prisma driver adapter whose every statement, in a transaction or not, passes a function first:
// where the statements Prisma sends can be counted or rewritten, whatever Prisma batches or splits,
// and, optionally, whose every result set passes another on its way back to Prisma.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet, Transaction } from '@prisma/driver-adapter-utils';

type EachQuery = (query: SqlQuery) => SqlQuery;
/** Called with the statement as sent (after `EachQuery`) and its result. */
type EachResult = (query: SqlQuery, result: SqlResultSet) => SqlResultSet;

function intercepted<T extends Transaction | SqlDriverAdapter>(target: T, each: EachQuery, eachResult?: EachResult): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'queryRaw' && eachResult) {
        return async (query: SqlQuery) => {
          const sent = each(query);
          return eachResult(sent, await value.call(object, sent));
        };
      }
      if (property === 'queryRaw' || property === 'executeRaw') {
        return (query: SqlQuery) => value.call(object, each(query));
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) => intercepted(await value.apply(object, args), each, eachResult);
      }
      return value.bind(object);
    },
  });
}

export function eachQuery<F extends SqlDriverAdapterFactory>(factory: F, each: EachQuery, eachResult?: EachResult): F {
  return new Proxy(factory, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (property === 'connect' && typeof value === 'function') {
        return async () => intercepted(await value.apply(object, []), each, eachResult);
      }
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
