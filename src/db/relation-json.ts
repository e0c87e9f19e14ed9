// Prisma's relation joins build every related row as JSONB and aggregate them with JSONB_AGG:
// PostgreSQL builds each object's binary form, sorting and deduplicating its keys, only to print
// it as text for the client a moment later. JSON_BUILD_OBJECT and JSON_AGG build that text
// directly; Prisma reads either column type the same way (the adapter parses JSON and JSONB
// alike, by key). That cut PostgreSQL's CPU per meeting page from about 10 to 7 ms and per
// 50-meeting list from 7 to 5 ms (bench/postgraphile.ts's queries). Prisma has no option for it.
// A statement that compared or sorted the built objects would fail loudly (JSON has no equality),
// never answer otherwise; Prisma's relation SQL does neither. Only Prisma's relation-join
// statements are touched (their `__prisma_data__` columns), never raw SQL of ours.
import type { SqlDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils';
import { eachQuery } from './adapter-queries.js';

const RELATION_DATA = '"__prisma_data__"';

/**
 * The texts are cached so that one query shape yields one string, whose hash pg's statement name
 * lookup computes once; past `limit` shapes (selections are the clients' choice) new ones are
 * rewritten each time.
 */
export function jsonRelations<F extends SqlDriverAdapterFactory>(factory: F, limit = 1_000): F {
  const rewritten = new Map<string, string>();
  const rewrite = (sql: string) => sql.replaceAll('JSONB_BUILD_OBJECT(', 'JSON_BUILD_OBJECT(').replaceAll('JSONB_AGG(', 'JSON_AGG(');
  return eachQuery(factory, (query: SqlQuery) => {
    if (!query.sql.includes(RELATION_DATA)) return query;
    let sql = rewritten.get(query.sql);
    if (sql === undefined) {
      sql = rewrite(query.sql);
      if (rewritten.size < limit) rewritten.set(query.sql, sql);
    }
    return { ...query, sql };
  });
}
