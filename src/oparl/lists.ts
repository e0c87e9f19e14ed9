// External object lists: stable order (by id), the OParl filters created_since/created_until/
// modified_since/modified_until, `limit` as a hint and `omit_internal`. Every link repeats the
// filters. Deleted objects are listed only when modified_since is given: that is how a
// synchronizing client learns about deletions.
// Pages: `page=N` is read by offset and counted (totals, `last`); the `next` link continues after
// the page's last id (`page=N+1&after=<id>`), so that following it reads only the page's own rows
// and counts nothing: offset and count each evaluate the whole list up to the page, which made a
// walk of a long list quadratic. OParl makes every pagination attribute but `next` optional.
import type { PrismaClient } from '../generated/prisma/client.js';
import { deletionOf, delegateOf, resourceTypes, serializeRow } from './resources.js';
import type { OparlObject, SerializeOptions } from './serializers.js';
import { UUID, type ObjectType } from './urls.js';
import { localDateTime } from './local-time.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

const filterParams = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const;

export interface ListQuery {
  filters: Partial<Record<(typeof filterParams)[number], Date>>;
  limit: number;
  /** The page's number; unknown for a bare `after`. */
  page?: number;
  /** The page starts after this id (from a `next` link) instead of at its offset. */
  after?: string;
  omitInternal: boolean;
}

export class BadListQuery extends Error {}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const filters: ListQuery['filters'] = {};
  for (const name of filterParams) {
    const value = params.get(name);
    if (value === null) continue;
    const time = dateTimeParam(value);
    if (!time) throw new BadListQuery(`${name} is not a date-time: ${value}`);
    filters[name] = time;
  }
  const limit = Number.parseInt(params.get('limit') ?? '', 10);
  const page = params.get('page');
  const after = params.get('after');
  if (after !== null && !UUID.test(after)) throw new BadListQuery(`after must be the id of an object: ${after}`);
  return {
    filters,
    limit: Number.isFinite(limit) ? Math.min(Math.max(limit, 1), MAX_LIMIT) : DEFAULT_LIMIT,
    page: page !== null ? pageNumber(page) : after === null ? 1 : undefined,
    after: after?.toLowerCase(),
    omitInternal: params.get('omit_internal') === 'true',
  };
}

/**
 * A date-time with a time zone, as the specification asks of clients; a plain date is accepted too.
 * A day the calendar lacks (2024-02-30) or a year outside 1–9999 is not a date.
 */
function dateTimeParam(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const time = new Date(value);
  if (!match || Number.isNaN(time.getTime())) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])] as const;
  const calendar = new Date(Date.UTC(2000, month - 1, day));
  calendar.setUTCFullYear(year);
  const exists = calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  return exists && time.getUTCFullYear() >= 1 && year <= 9999 ? time : undefined;
}

/** Pages beyond the last are empty; beyond this one no list can reach, they are an error. */
const MAX_PAGE = 1_000_000;

function pageNumber(value: string): number {
  const page = /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
  if (!(page >= 1 && page <= MAX_PAGE)) throw new BadListQuery(`page must be a whole number from 1 to ${MAX_PAGE}: ${value}`);
  return page;
}

function filterWhere({ filters }: ListQuery, type: ObjectType) {
  const range = (since?: Date, until?: Date) => (since || until ? { ...(since && { gte: since }), ...(until && { lte: until }) } : undefined);
  const created = range(filters.created_since, filters.created_until);
  const modified = range(filters.modified_since, filters.modified_until);
  const deletion = deletionOf(type);
  return [created ? { created } : {}, modified ? deletion.changedIn(modified) : {}, filters.modified_since ? {} : deletion.alive];
}

export interface ListPage {
  data: OparlObject[];
  pagination: { totalElements?: number; elementsPerPage: number; currentPage?: number; totalPages?: number };
  links: Record<string, string>;
}

export async function listPage(
  prisma: PrismaClient,
  type: ObjectType,
  scope: object,
  query: ListQuery,
  listUrl: string,
  options: SerializeOptions,
): Promise<{ page: ListPage; modified?: Date }> {
  const resource = resourceTypes[type];
  const where = { AND: [scope, resource.readable, ...filterWhere(query, type)] };
  const delegate = delegateOf(prisma, type);
  const { page, after, limit } = query;
  const [total, found] = await Promise.all([
    after ? undefined : delegate.count({ where }),
    // One query for the page's rows (one more tells whether a next page exists), then one per
    // relation for all of them: joined in one statement, PostgreSQL would build the nested JSON of
    // every row before it sorts and pages.
    delegate.findMany({
      where: after ? { AND: [where, { id: { gt: after } }] } : where,
      include: resource.include,
      omit: resource.omit,
      orderBy: { id: 'asc' },
      skip: after ? 0 : ((page ?? 1) - 1) * limit,
      take: limit + 1,
      relationLoadStrategy: 'query',
    }),
  ]);
  const rows = found.slice(0, limit);
  const itemOptions = { ...options, embed: !query.omitInternal };
  const served = rows.map((row) => serializeRow(type, row, itemOptions));
  const totalPages = total === undefined ? undefined : Math.max(1, Math.ceil(total / limit));
  const link = (page: number | undefined, after?: string) => pageUrl(listUrl, query, page, after);
  const links: Record<string, string> = { first: link(1), self: link(page, after) };
  if (totalPages) links.last = link(totalPages);
  if (page && page > 1) links.prev = link(totalPages ? Math.min(page - 1, totalPages) : page - 1);
  const last = rows.at(-1);
  if (found.length > limit && last) links.next = link(page === undefined ? undefined : page + 1, last.id);
  const modified = served.reduce<Date | undefined>((latest, item) => (!latest || item.modified > latest ? item.modified : latest), undefined);
  return {
    page: { data: served.map((item) => item.object), pagination: { totalElements: total, elementsPerPage: limit, currentPage: page, totalPages }, links },
    modified,
  };
}

function pageUrl(listUrl: string, query: ListQuery, page: number | undefined, after: string | undefined) {
  const params = new URLSearchParams();
  for (const name of filterParams) {
    const value = query.filters[name];
    if (value) params.set(name, localDateTime(value));
  }
  if (query.limit !== DEFAULT_LIMIT) params.set('limit', String(query.limit));
  if (query.omitInternal) params.set('omit_internal', 'true');
  if (page && (page > 1 || after)) params.set('page', String(page));
  if (after) params.set('after', after);
  const search = params.toString();
  return search ? `${listUrl}?${search}` : listUrl;
}
