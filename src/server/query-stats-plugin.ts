// With EXPOSE_QUERY_STATS=true every response carries `extensions.sqlStatements`: how many SQL
// statements the operation sent. Tests assert it (N+1 guard); benchmarks print it.
import type { Plugin } from 'graphql-yoga';
import { withQueryStats, type QueryStats } from '../db/query-stats.js';

export const queryStatsPlugin: Plugin = {
  onExecute({ executeFn, setExecuteFn }) {
    const stats: QueryStats = { statements: 0 };
    setExecuteFn((args) => withQueryStats(stats, () => executeFn(args)));
    return {
      onExecuteDone({ result, setResult }) {
        if (result && 'data' in result) {
          setResult({ ...result, extensions: { ...result.extensions, sqlStatements: stats.statements } });
        }
      },
    };
  },
};
