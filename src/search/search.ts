// Full-text search across meetings, agenda items, papers, assignments and file texts, with the
// German configuration, ranked and with highlighted snippets. Identical on PostgreSQL and PGlite.
// Visibility is decided in SQL by the rules of src/access/visibility.ts: what a reader may not
// see is neither matched, nor ranked, nor counted, nor quoted in a snippet. In particular an
// agenda item's title is matched for everyone, its protocol and resolution only for those
// entitled. Documents are the stored tsvector columns of the migrations "full_text_search_columns"
// and "search_indexes" (titles weighted A) with their GIN indexes.
// Every match is counted and ranked by its short documents (titles, names, papers, assignments),
// which are stored in the row; the long texts (protocols, resolutions, file texts) are read, to
// rank by them too, for the best RESCORE_WINDOW matches only, and to quote them only for the hits
// of the page that are quoted (ts_headline parses the whole text: the larger part of a search).
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
  /** HTML: the matching passages, escaped, with <mark> around the matched words; null for a hit not quoted. */
  snippet: string | null;
}

export interface SearchPage {
  offset: number;
  limit: number;
  /** How many of the page's first hits get their snippet: none when nobody reads it, not the one read ahead to know whether a next page exists. */
  quoted: number;
}

const START = '⟦';
const STOP = '⟧';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxFragments=2, MaxWords=25, MinWords=10, FragmentDelimiter=" … "`;
/** Long file texts are quoted from their beginning only: ts_headline reads the whole text. */
const HEADLINE_SOURCE_LIMIT = 50_000;
/**
 * How many of the best matches by the first pass (short documents) are ranked again by their
 * whole documents: the largest page, so that a first page is always ranked in full. Fixed, so
 * that every page is cut from the same order. ts_rank never falls when words are added to a
 * document, so the order is by rank across the boundary too; beyond it the rank is the first pass.
 */
const RESCORE_WINDOW = 100;

/**
 * What search needs to know of one kind of record, in SQL over the query `q`:
 * - `matches`: the matches the viewer may see, as (type, id, date, rank, "textReadable"), where
 *   rank is the first pass: from the titles and other short documents, which are stored in the
 *   row itself and cost nothing to read, so every match can be ranked;
 * - `rescore`: the rank from the whole document, long texts included, for the best candidates
 *   only: reading a long text means a trip to its out-of-line (TOAST) storage, which for thousands
 *   of matches of a common word cost most of the time of a search;
 * - `shown`: title and body (the source of the snippet) of a hit on the page.
 * `hit` is the alias of a row of `matches`. Built on demand, so that only the parameters of the
 * selected types are bound.
 */
interface Kind {
  matches(): string;
  rescore?(hit: string): string;
  shown(hit: string): string;
}

/** The filter's organizations and period as SQL conditions, their values bound once. */
function scope(filter: SearchFilter, params: SqlParams) {
  const orgs = filter.organizationIds?.length ? params.add(filter.organizationIds) : undefined;
  const from = filter.from ? params.add(filter.from) : undefined;
  const to = filter.to ? params.add(dayAfter(filter.to)) : undefined;
  return {
    orgs,
    period: (column: string) => [from && `${column} >= ${from}`, to && `${column} < ${to}`].filter(Boolean).join(' AND ') || 'TRUE',
    meetingOfOrgs: (meetingId: string) =>
      orgs ? `EXISTS (SELECT 1 FROM "MeetingOrganization" f_mo WHERE f_mo."meetingId" = ${meetingId} AND f_mo."organizationId" = ANY(${orgs}::uuid[]))` : 'TRUE',
  };
}

function kinds(viewer: Viewer, { orgs, period, meetingOfOrgs }: ReturnType<typeof scope>, params: SqlParams): Record<SearchType, Kind> {
  return {
    MEETING: {
      matches: () => `
      SELECT 'MEETING' AS type, m."id", m."start" AS date, ts_rank(m."searchVector", q.query) AS rank, FALSE AS "textReadable"
      FROM "Meeting" m, q
      WHERE m."searchVector" @@ q.query AND ${readableSql.meeting(viewer, 'm', params)} AND ${meetingOfOrgs('m."id"')} AND ${period('m."start"')}`,
      shown: (hit) => `SELECT m."name" AS title, m."name" AS body FROM "Meeting" m WHERE m."id" = ${hit}."id"`,
    },
    AGENDA_ITEM: {
      // Two parts, so that neither reads a long text: matches of the title (public), and matches
      // of the text alone, for those entitled to read it, found by its index only. Both join the
      // meetings in scope as one hashed set: a common word matches thousands of items, and a
      // lookup of each one's meeting cost more than the rest of the search.
      matches: () => {
        const readableItem = readableSql.agendaItemDetails(viewer, 'ai', params);
        const ofMeeting = readableSql.agendaItem(viewer, 'ai', params);
        return `
      SELECT 'AGENDA_ITEM' AS type, ai."id", m."start" AS date, ts_rank(ai."searchTitle", q.query) AS rank, ${readableItem} AS "textReadable"
      FROM "AgendaItem" ai JOIN scoped_meeting m ON m."id" = ai."meetingId", q
      WHERE ai."searchTitle" @@ q.query AND ${ofMeeting}
      UNION ALL
      SELECT 'AGENDA_ITEM' AS type, ai."id", m."start" AS date, 0::real AS rank, TRUE AS "textReadable"
      FROM "AgendaItem" ai JOIN scoped_meeting m ON m."id" = ai."meetingId", q
      WHERE ai."searchText" @@ q.query AND NOT ai."searchTitle" @@ q.query AND ${readableItem} AND ${ofMeeting}`;
      },
      rescore: (hit) =>
        `SELECT ts_rank(ai."searchTitle" || CASE WHEN ${hit}."textReadable" THEN ai."searchText" ELSE ''::tsvector END, q.query) FROM "AgendaItem" ai WHERE ai."id" = ${hit}."id"`,
      shown: (hit) => `
        SELECT concat_ws(' ', ai."number" || '.', ai."name", ai."subtitle") AS title,
               CASE WHEN ${hit}."textReadable" THEN concat_ws(' ', ai."name", ai."subtitle", ai."protocolText", ai."resolutionText") ELSE concat_ws(' ', ai."name", ai."subtitle") END AS body
        FROM "AgendaItem" ai WHERE ai."id" = ${hit}."id"`,
    },
    PAPER: {
      matches: () => `
      SELECT 'PAPER' AS type, p."id", p."date"::timestamptz AS date, ts_rank(p."searchVector", q.query) AS rank, FALSE AS "textReadable"
      FROM "Paper" p, q
      WHERE p."searchVector" @@ q.query AND ${readableSql.paper(viewer, 'p', params)}
        AND ${orgs ? `EXISTS (SELECT 1 FROM "Consultation" f_c WHERE f_c."paperId" = p."id" AND NOT f_c."deleted" AND ${meetingOfOrgs('f_c."meetingId"')})` : 'TRUE'}
        AND ${period('p."date"')}`,
      shown: (hit) => `SELECT concat_ws(' ', p."reference", p."name") AS title, concat_ws(' ', p."reference", p."name") AS body FROM "Paper" p WHERE p."id" = ${hit}."id"`,
    },
    ASSIGNMENT: {
      matches: () => `
      SELECT 'ASSIGNMENT' AS type, a."id", am."start" AS date, ts_rank(a."searchVector", q.query) AS rank, FALSE AS "textReadable"
      FROM "Assignment" a LEFT JOIN "Meeting" am ON am."id" = a."meetingId", q
      WHERE a."searchVector" @@ q.query AND ${readableSql.assignment(viewer, 'a', params)}
        AND ${orgs ? `a."organizationId" = ANY(${orgs}::uuid[])` : 'TRUE'} AND ${period('am."start"')}`,
      shown: (hit) => `SELECT left(a."text", 120) AS title, concat_ws(' ', a."note", a."text") AS body FROM "Assignment" a WHERE a."id" = ${hit}."id"`,
    },
    FILE: {
      // First pass by the file's name; its extracted text is long.
      matches: () => `
      SELECT 'FILE' AS type, f."id", coalesce(f."date"::timestamptz, fm."start") AS date,
             ts_rank(setweight(council_document(f."name"), 'A'), q.query) AS rank, FALSE AS "textReadable"
      FROM "File" f LEFT JOIN "AgendaItem" fi ON fi."id" = f."agendaItemId"
           LEFT JOIN "Meeting" fm ON fm."id" = coalesce(f."meetingId", fi."meetingId"), q
      WHERE f."searchVector" @@ q.query AND ${readableSql.file(viewer, 'f', params)}
        AND ${orgs ? meetingOfOrgs('fm."id"') : 'TRUE'} AND ${period('coalesce(f."date"::timestamptz, fm."start")')}`,
      rescore: (hit) => `SELECT ts_rank(f."searchVector", q.query) FROM "File" f WHERE f."id" = ${hit}."id"`,
      shown: (hit) => `SELECT f."name" AS title, concat_ws(' ', f."name", left(f."text", ${HEADLINE_SOURCE_LIMIT})) AS body FROM "File" f WHERE f."id" = ${hit}."id"`,
    },
  };
}

const highlight = (headline: string) =>
  escapeHtml(headline).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');

export async function search(
  db: Database,
  viewer: Viewer,
  filter: SearchFilter,
  page: SearchPage,
): Promise<{ hits: SearchHit[]; totalCount: number }> {
  const params = new SqlParams();
  const tsquery = params.add(toTsQuery(filter.query));
  const filters = scope(filter, params);
  const all = kinds(viewer, filters, params);
  const types = filter.types?.length ? [...new Set(filter.types)] : searchTypes;
  // Per hit, the SQL of its type only runs (CASE and the gated branches of UNION ALL).
  const rescore = (hit: string) => {
    const whens = types.flatMap((type) => {
      const rescored = all[type].rescore?.(hit);
      return rescored ? [`WHEN ${hit}.type = '${type}' THEN (${rescored})`] : [];
    });
    return whens.length ? `CASE ${whens.join(' ')} ELSE ${hit}.rank END` : `${hit}.rank`;
  };
  const shown = (hit: string) => types.map((type) => `SELECT * FROM (${all[type].shown(hit)}) s WHERE ${hit}.type = '${type}'`).join(' UNION ALL ');
  const rescoreWindow = params.add(RESCORE_WINDOW);
  const limit = params.add(page.limit);
  const offset = params.add(page.offset);
  const quoted = params.add(page.quoted);
  const options = params.add(HEADLINE_OPTIONS);
  const order = 'beyond, rank DESC, date DESC NULLS LAST, type, id';
  // `q` is materialized so that the planner does not see the query's words: knowing that a word
  // is common, it would scan whole tables and read every long text instead of using the indexes.
  // The count comes along even for a page past the end (it reads the matches that ranking reads
  // anyway); the headline is computed for the quoted hits only.
  const sql = `
    WITH q AS MATERIALIZED (SELECT to_tsquery('german', ${tsquery}) AS query),
    -- Materialized, so that the agenda items' matches are hashed against it (see AGENDA_ITEM).
    scoped_meeting AS MATERIALIZED (SELECT m."id", m."start" FROM "Meeting" m WHERE ${readableSql.meeting(viewer, 'm', params)} AND ${filters.meetingOfOrgs('m."id"')} AND ${filters.period('m."start"')}),
    hits AS (${types.map((type) => all[type].matches()).join('\n UNION ALL ')}),
    -- The best by the first pass with a top-N sort, not a sort of all matches.
    best AS (SELECT * FROM hits ORDER BY rank DESC, date DESC NULLS LAST, type, id LIMIT ${rescoreWindow}),
    -- Beyond the window the first pass's order goes on, read only as far as the page reaches.
    ranked AS (
      SELECT b.type, b.id, b.date, b."textReadable", FALSE AS beyond, ${rescore('b')} AS rank FROM best b, q
      UNION ALL
      (SELECT type, id, date, "textReadable", TRUE AS beyond, rank FROM hits ORDER BY rank DESC, date DESC NULLS LAST, type, id
       OFFSET ${rescoreWindow} LIMIT greatest(${offset}::bigint + ${limit}::bigint - ${rescoreWindow}::bigint, 0))),
    page AS (SELECT *, row_number() OVER (ORDER BY ${order}) - ${offset} AS place FROM ranked ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
    SELECT counted.total, page.type, page.id, page.rank, page.date, shown.title,
           CASE WHEN page.place <= ${quoted} THEN ts_headline('german', shown.body, q.query, ${options}) END AS snippet
    FROM (SELECT count(*) AS total FROM hits) counted CROSS JOIN q LEFT JOIN page ON TRUE
         LEFT JOIN LATERAL (${shown('page')}) shown ON TRUE
    ORDER BY page.place`;
  const rows = await db.session.query<{ type: SearchType | null; id: string; rank: number; date: Date | string | null; title: string; total: number | string; snippet: string | null }>(sql, params.values);
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
        snippet: row.snippet === null ? null : highlight(row.snippet),
      })),
  };
}
