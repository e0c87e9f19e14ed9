// Prisma's relation joins build every related row as a JSONB object and aggregate them with
// JSONB_AGG: PostgreSQL builds each object's binary form, sorting and deduplicating its keys, only
// to print it as text for the client a moment later, and it prints every key of every row again.
// Here each related row is built as a JSON array of its values instead (JSON_BUILD_ARRAY, JSON_AGG)
// and made into the object Prisma expects in the client, from the keys the statement names once.
// Building JSON instead of JSONB cut PostgreSQL's CPU per meeting page from about 10 to 7 ms; arrays
// instead of objects, another 10-20 % (bench/postgraphile's queries). Prisma has no option for either.
// Prisma reads a relation column parsed or as text alike. A statement whose shape is not the one
// understood here (a value that is not a column, an object outside a lateral join) keeps its
// objects and is only switched from JSONB to JSON; a statement that compared or sorted the built
// values would fail loudly (JSON has no equality), never answer otherwise, and Prisma's relation
// SQL does neither. Only Prisma's relation-join statements are touched (their `__prisma_data__`
// columns), never raw SQL of ours.
import type { SqlDriverAdapterFactory, SqlQuery, SqlResultSet } from '@prisma/driver-adapter-utils';
import { eachQuery } from './adapter-queries.js';

const RELATION_DATA = '"__prisma_data__"';

/** A related row as built in SQL: its keys, and for a key holding a relation, that relation's shape. */
interface RowShape {
  keys: string[];
  relations: (RelationShape | undefined)[];
}
/** One related row (to-one) or a list of them (to-many). */
interface RelationShape {
  list: boolean;
  row: RowShape;
}

interface Rewritten {
  sql: string;
  /** The statement's relation columns by name, when its rows are built as arrays. */
  columns?: Map<string, RelationShape>;
}

/**
 * The texts are cached so that one query shape yields one string, whose hash pg's statement name
 * lookup computes once; past `limit` shapes (selections are the clients' choice) new ones are
 * rewritten each time.
 */
export function jsonRelations<F extends SqlDriverAdapterFactory>(factory: F, limit = 1_000): F {
  const rewritten = new Map<string, Rewritten>();
  /** The shapes by the text sent, for the results; a text is sent for one original only. */
  const shapes = new Map<string, Map<string, RelationShape>>();
  return eachQuery(
    factory,
    (query: SqlQuery) => {
      if (!query.sql.includes(RELATION_DATA)) return query;
      let found = rewritten.get(query.sql);
      if (found === undefined) {
        const json = asJson(query.sql);
        const arrays = rewritten.size < limit ? asArrays(json) : undefined;
        // Past the limit, or should two statements ever come to one text, objects are built in SQL.
        found = arrays && !shapes.has(arrays.sql) ? arrays : { sql: json };
        if (rewritten.size < limit) rewritten.set(query.sql, found);
        if (found.columns) shapes.set(found.sql, found.columns);
      }
      return { ...query, sql: found.sql };
    },
    (query, result) => {
      const columns = shapes.get(query.sql);
      return columns ? withObjects(result, columns) : result;
    },
  );
}

/** Prisma's JSONB relation SQL building JSON objects. */
const asJson = (sql: string) => sql.replaceAll('JSONB_BUILD_OBJECT(', 'JSON_BUILD_OBJECT(').replaceAll('JSONB_AGG(', 'JSON_AGG(');

const IDENTIFIER_PAIR = /^"([^"]+)"\."([^"]+)"$/;
const LATERAL = 'LEFT JOIN LATERAL (';
const OBJECT = 'JSON_BUILD_OBJECT(';

interface Lateral {
  /** Parenthesis depth outside the lateral's own parenthesis. */
  depth: number;
  list: boolean;
  row?: { keys: string[]; values: string[] };
  /** The lateral joins within this one by alias: an alias is named again in another scope. */
  laterals: Map<string, Lateral>;
}

/**
 * `sql` with each JSON_BUILD_OBJECT('key', "t"."column", …) as JSON_BUILD_ARRAY("t"."column", …),
 * and the shapes to make objects of the arrays again; undefined where the statement is not the
 * shape of Prisma's relation joins as read here: one object per lateral join, its values columns
 * or the data of other lateral joins.
 */
function asArrays(sql: string): Rewritten | undefined {
  const root: Lateral = { depth: -1, list: false, laterals: new Map() };
  const open: Lateral[] = [];
  const topLevel = new Map<string, string>();
  let out = '';
  let copied = 0;
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i];
    if (char === "'" || char === '"') {
      const end = sql.indexOf(char, i + 1);
      if (end < 0) return undefined;
      if (char === '"' && depth === 0) {
        // A relation column of the statement's own rows: "Alias"."__prisma_data__" AS "field".
        const column = /^"([^"]+)"\."__prisma_data__" AS "([^"]+)"/.exec(sql.slice(i, i + 200));
        if (column) topLevel.set(column[2]!, column[1]!);
      }
      i = end;
    } else if (char === '(') {
      if (sql.startsWith(LATERAL, i - LATERAL.length + 1)) open.push({ depth, list: false, laterals: new Map() });
      else if (sql.startsWith('JSON_AGG(', i - 8) && open.length) open.at(-1)!.list = true;
      else if (sql.startsWith(OBJECT, i - OBJECT.length + 1)) {
        const lateral = open.at(-1);
        const close = sql.indexOf(')', i);
        const args = sql.slice(i + 1, close).split(', ');
        if (!lateral || lateral.row || close < 0 || args.length % 2) return undefined;
        const keys = args.filter((_, index) => index % 2 === 0).map((key) => /^'(\w+)'$/.exec(key)?.[1]);
        const values = args.filter((_, index) => index % 2 === 1);
        if (keys.some((key) => key === undefined) || values.some((value) => !IDENTIFIER_PAIR.test(value))) return undefined;
        lateral.row = { keys: keys as string[], values };
        out += `${sql.slice(copied, i + 1 - OBJECT.length)}JSON_BUILD_ARRAY(${values.join(', ')})`;
        copied = close + 1;
        i = close;
        continue;
      }
      depth++;
    } else if (char === ')') {
      depth--;
      if (open.length && open.at(-1)!.depth === depth) {
        const alias = /^\) AS "([^"]+)" ON true/.exec(sql.slice(i, i + 200))?.[1];
        const lateral = open.pop()!;
        if (!alias || !lateral.row) return undefined;
        (open.at(-1) ?? root).laterals.set(alias, lateral);
      }
    }
  }
  if (open.length || !topLevel.size) return undefined;
  const shapeOf = (lateral: Lateral | undefined): RelationShape | undefined => {
    if (!lateral?.row) return undefined;
    const relations = lateral.row.values.map((value) => {
      const [, owner, column] = IDENTIFIER_PAIR.exec(value)!;
      return column === '__prisma_data__' ? (shapeOf(lateral.laterals.get(owner!)) ?? null) : undefined;
    });
    if (relations.includes(null)) return undefined;
    return { list: lateral.list, row: { keys: lateral.row.keys, relations: relations as (RelationShape | undefined)[] } };
  };
  const columns = new Map<string, RelationShape>();
  for (const [field, alias] of topLevel) {
    const shape = shapeOf(root.laterals.get(alias));
    if (!shape) return undefined;
    columns.set(field, shape);
  }
  return { sql: out + sql.slice(copied), columns };
}

/** `result` with its relation columns as the objects Prisma expects. */
function withObjects(result: SqlResultSet, columns: Map<string, RelationShape>): SqlResultSet {
  const at = result.columnNames.flatMap((name, index) => {
    const shape = columns.get(name);
    return shape ? [{ index, shape }] : [];
  });
  for (const row of result.rows) {
    for (const { index, shape } of at) {
      const value = row[index];
      // Text from both adapters as they are; parsed, should one ever parse JSON itself.
      row[index] = relation(typeof value === 'string' ? JSON.parse(value) : value, shape);
    }
  }
  return result;
}

function relation(value: unknown, shape: RelationShape): unknown {
  if (value === null || value === undefined) return null;
  return shape.list ? (value as unknown[][]).map((values) => object(values, shape.row)) : object(value as unknown[], shape.row);
}

function object(values: unknown[], { keys, relations }: RowShape): Record<string, unknown> {
  const built: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const nested = relations[i];
    built[keys[i]!] = nested ? relation(values[i], nested) : values[i];
  }
  return built;
}
