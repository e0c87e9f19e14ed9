// Full-text search across meetings, agenda items, papers, assignments and file texts, with the
// German configuration, ranked and with highlighted snippets. Identical on PostgreSQL and PGlite.
// Visibility is decided in SQL by the rules of src/access/visibility.ts: what a reader may not
// see is neither matched, nor ranked, nor counted, nor quoted in a snippet. In particular an
// agenda item's title is matched for everyone, its protocol and resolution only for those
// entitled. Documents are the stored tsvector columns of the migration "full_text_search_columns"
// (titles weighted A) with their GIN indexes; meetings, few and short, use an expression index.
import type { Database } from '../db/database.js';
import { SqlParams } from '../db/sql-params.js';
import type { Viewer } from '../access/viewer.js';
import { readableSql } from '../access/visibility.js';
import { escapeHtml } from '../documents/html.js';
import { toTsQuery } from './query.js';
import { dayAfter } from '../period.js';

export const searchTypes = ['MEETING', 'AGENDA_ITEM', 'PAPER', 'ASSIGNMENT', 'FILE'] as const;
export type SearchType = (typeof searchTypes)[number];

export interface SearchFilter {
  query: string;
  types?: SearchType[] | null;
  /** The organization and its predecessors. */
  organizationIds?: string[];
  from?: Date | null;
  to?: Date | null;
}

export interface SearchHit {
  type: SearchType;
  id: string;
  rank: number;
  title: string;
  date: Date | null;
  /** HTML: the matching passages, escaped, with <mark> around the matched words. */
  snippet: string;
}

const START = '⟦';
const STOP = '⟧';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxFragments=2, MaxWords=25, MinWords=10, FragmentDelimiter=" … "`;
/** Long file texts are quoted from their beginning only: ts_headline reads the whole text. */
const HEADLINE_SOURCE_LIMIT = 50_000;

/**
 * One SELECT per type, each yielding (type, id, rank, date, title, body) for the viewer; built on
 * demand, so that only the parameters of the selected types are bound.
 */
function branches(viewer: Viewer, filter: SearchFilter, params: SqlParams): Record<SearchType, () => string> {
  const orgs = filter.organizationIds?.length ? params.add(filter.organizationIds) : undefined;
  const from = filter.from ? params.add(filter.from) : undefined;
  const to = filter.to ? params.add(dayAfter(filter.to)) : undefined;
  const period = (column: string) => [from && `${column} >= ${from}`, to && `${column} < ${to}`].filter(Boolean).join(' AND ') || 'TRUE';
  const meetingOfOrgs = (meetingId: string) =>
    orgs ? `EXISTS (SELECT 1 FROM "MeetingOrganization" f_mo WHERE f_mo."meetingId" = ${meetingId} AND f_mo."organizationId" = ANY(${orgs}::uuid[]))` : 'TRUE';
  return {
    MEETING: () => `
      SELECT 'MEETING' AS type, m."id", ts_rank(setweight(council_document(m."name"), 'A'), q.query) AS rank,
             m."start" AS date, m."name" AS title, m."name" AS body
      FROM "Meeting" m, q
      WHERE council_document(m."name") @@ q.query AND ${readableSql.meeting(viewer, 'm', params)} AND ${meetingOfOrgs('m."id"')} AND ${period('m."start"')}`,
    AGENDA_ITEM: () => {
      const readableItem = readableSql.agendaItemDetails(viewer, 'ai', params);
      return `
      SELECT 'AGENDA_ITEM' AS type, ai."id",
             ts_rank(ai."searchTitle" || CASE WHEN ${readableItem} THEN ai."searchText" ELSE ''::tsvector END, q.query) AS rank,
             m."start" AS date, concat_ws(' ', ai."number" || '.', ai."name", ai."subtitle") AS title,
             CASE WHEN ${readableItem} THEN concat_ws(' ', ai."name", ai."subtitle", ai."protocolText", ai."resolutionText") ELSE concat_ws(' ', ai."name", ai."subtitle") END AS body
      FROM "AgendaItem" ai JOIN "Meeting" m ON m."id" = ai."meetingId", q
      WHERE (ai."searchTitle" @@ q.query OR (ai."searchText" @@ q.query AND ${readableItem}))
        AND ${readableSql.agendaItem(viewer, 'ai', params)} AND ${readableSql.meeting(viewer, 'm', params)} AND ${meetingOfOrgs('m."id"')} AND ${period('m."start"')}`;
    },
    PAPER: () => `
      SELECT 'PAPER' AS type, p."id", ts_rank(p."searchVector", q.query) AS rank,
             p."date"::timestamptz AS date, concat_ws(' ', p."reference", p."name") AS title, concat_ws(' ', p."reference", p."name") AS body
      FROM "Paper" p, q
      WHERE p."searchVector" @@ q.query AND ${readableSql.paper(viewer, 'p', params)}
        AND ${orgs ? `EXISTS (SELECT 1 FROM "Consultation" f_c WHERE f_c."paperId" = p."id" AND NOT f_c."deleted" AND ${meetingOfOrgs('f_c."meetingId"')})` : 'TRUE'}
        AND ${period('p."date"')}`,
    ASSIGNMENT: () => `
      SELECT 'ASSIGNMENT' AS type, a."id", ts_rank(a."searchVector", q.query) AS rank,
             am."start" AS date, left(a."text", 120) AS title, concat_ws(' ', a."note", a."text") AS body
      FROM "Assignment" a LEFT JOIN "Meeting" am ON am."id" = a."meetingId", q
      WHERE a."searchVector" @@ q.query AND ${readableSql.assignment(viewer, 'a', params)}
        AND ${orgs ? `a."organizationId" = ANY(${orgs}::uuid[])` : 'TRUE'} AND ${period('am."start"')}`,
    FILE: () => `
      SELECT 'FILE' AS type, f."id", ts_rank(f."searchVector", q.query) AS rank,
             coalesce(f."date"::timestamptz, fm."start") AS date, f."name" AS title, concat_ws(' ', f."name", left(f."text", ${HEADLINE_SOURCE_LIMIT})) AS body
      FROM "File" f LEFT JOIN "AgendaItem" fi ON fi."id" = f."agendaItemId"
           LEFT JOIN "Meeting" fm ON fm."id" = coalesce(f."meetingId", fi."meetingId"), q
      WHERE f."searchVector" @@ q.query AND ${readableSql.file(viewer, 'f', params)}
        AND ${orgs ? meetingOfOrgs('fm."id"') : 'TRUE'} AND ${period('coalesce(f."date"::timestamptz, fm."start")')}`,
  };
}

const highlight = (headline: string) =>
  escapeHtml(headline).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');

export async function search(
  db: Database,
  viewer: Viewer,
  filter: SearchFilter,
  page: { offset: number; limit: number },
): Promise<{ hits: SearchHit[]; totalCount: number }> {
  const params = new SqlParams();
  const tsquery = params.add(toTsQuery(filter.query));
  const all = branches(viewer, filter, params);
  const types = filter.types?.length ? [...new Set(filter.types)] : searchTypes;
  const limit = params.add(page.limit);
  const offset = params.add(page.offset);
  const options = params.add(HEADLINE_OPTIONS);
  // The count comes along even for a page past the end; the headline is computed for the page only.
  const sql = `
    WITH q AS (SELECT to_tsquery('german', ${tsquery}) AS query),
    hits AS (${types.map((type) => all[type]()).join('\n UNION ALL ')}),
    page AS (SELECT * FROM hits ORDER BY rank DESC, date DESC NULLS LAST, type, id LIMIT ${limit} OFFSET ${offset})
    SELECT counted.total, page.type, page.id, page.rank, page.date, page.title,
           ts_headline('german', page.body, q.query, ${options}) AS snippet
    FROM (SELECT count(*) AS total FROM hits) counted CROSS JOIN q LEFT JOIN page ON TRUE
    ORDER BY page.rank DESC, page.date DESC NULLS LAST, page.type, page.id`;
  const rows = await db.session.query<{ type: SearchType | null; id: string; rank: number; date: Date | string | null; title: string; total: number | string; snippet: string }>(sql, params.values);
  return {
    totalCount: Number(rows[0]?.total ?? 0),
    hits: rows
      .filter((row) => row.type !== null)
      .map((row) => ({
        type: row.type as SearchType,
        id: row.id,
        rank: Number(row.rank),
        title: row.title,
        date: row.date == null ? null : new Date(row.date),
        snippet: highlight(row.snippet),
      })),
  };
}
