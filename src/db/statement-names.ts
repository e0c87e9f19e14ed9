// Names SQL statements for pg (Prisma's, and the raw ones of search), so that each pooled
// connection parses and plans a statement once and then only binds and executes it: a meeting
// page and a search are statements whose planning costs more than their execution. The name is a
// hash of the text (pg refuses one name for two texts). Selections are the client's choice, so
// the texts are not a closed set: past `limit` distinct texts new ones run unnamed, as before,
// and no connection grows without end.
import { createHash } from 'node:crypto';
import type { SqlQuery } from '@prisma/driver-adapter-utils';

export function preparedStatementNames(limit = 1_000): (query: Pick<SqlQuery, 'sql'>) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < limit) {
      name = `prisma_${createHash('sha1').update(sql).digest('base64url')}`;
      names.set(sql, name);
    }
    // pg runs a query without a name unprepared.
    return name as string;
  };
}
