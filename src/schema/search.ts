// Query.search: German full-text search across the archive (src/search/search.ts).
import { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { builder } from './builder.js';
import { expensive } from './cost.js';
import { organizationAndPeriod } from './assignment.js';
import { selects } from './selection.js';
import { search, type SearchHit, type SearchType as SearchTypeValue } from '../search/search.js';

export const SearchType = builder.enumType('SearchType', {
  description: 'Kinds of records search finds.',
  values: {
    MEETING: { description: 'Meetings, by name.' },
    AGENDA_ITEM: { description: 'Agenda items: titles, protocols and resolutions.' },
    PAPER: { description: 'Papers, by title and reference.' },
    ASSIGNMENT: { description: 'Assignments, by their text and note.' },
    FILE: { description: 'Files, by name and extracted text.' },
  } satisfies Record<SearchTypeValue, { description: string }>,
});

const typenames: Record<SearchTypeValue, string> = {
  MEETING: 'Meeting',
  AGENDA_ITEM: 'AgendaItem',
  PAPER: 'Paper',
  ASSIGNMENT: 'Assignment',
  FILE: 'File',
};

const SearchResult = builder.objectRef<SearchHit>('SearchResult').implement({
  description: 'One match, ranked: the record it is about, its title and the matching passages.',
  fields: (t) => ({
    type: t.field({ type: SearchType, description: 'What kind of record it is.', resolve: (hit) => hit.type }),
    rank: t.float({
      description: 'Relevance; higher first. For the best 100 matches by their titles from the whole text, beyond those from titles and short texts.',
      resolve: (hit) => hit.rank,
    }),
    title: t.string({ description: 'The title of the record.', resolve: (hit) => hit.title }),
    date: t.field({ type: 'DateTime', nullable: true, description: 'The meeting date, or the date of the paper or file.', resolve: (hit) => hit.date }),
    snippet: t.string({
      description: 'HTML: the matching passages, escaped, with <mark> around the words found.',
      resolve: (hit) => {
        // The search resolver has every hit it returns quoted when the operation selects this field.
        if (hit.snippet === null) throw new Error(`Search hit ${hit.type} ${hit.id} was not quoted.`);
        return hit.snippet;
      },
    }),
    node: t.node({ description: 'The record.', id: (hit) => ({ id: hit.id, type: typenames[hit.type] }) }),
  }),
});

builder.queryField('search', (t) =>
  t.connection(
    {
      type: SearchResult,
      complexity: expensive.search,
      description:
        'Searches meetings, agenda items (titles, protocols, resolutions), papers, assignments and file texts. ' +
        'Words match their German inflections and as prefixes; "quoted phrases", -excluded words, paper references ' +
        'and umlauts in either spelling (ae/ä) work as typed. Non-public content is searched only for those entitled to read it.',
      args: {
        query: t.arg.string({ required: true, description: 'Words, "quoted phrases", -excluded words, paper references.' }),
        types: t.arg({ type: [SearchType], description: 'Only these kinds of records (default: all).' }),
        organizationId: t.arg.id({ description: 'Only records of this organization (and the committees it was renamed from).' }),
        from: t.arg({ type: 'Date', description: 'Only records dated on or after this day.' }),
        to: t.arg({ type: 'Date', description: 'Only records dated on or before this day.' }),
      },
      resolve: async (_root, args, ctx, info) => {
        const organizationIds = await organizationAndPeriod(ctx.prisma, args);
        const { offset, limit, hasPreviousPage, hasNextPage } = offsetForArgs({ args, defaultSize: 20, maxSize: 100 });
        const { hits, totalCount } = await search(
          ctx.services.db,
          ctx.viewer,
          { query: args.query, types: args.types, organizationIds, from: args.from, to: args.to },
          // The hit beyond the page (read to know whether there is a next one) is never shown.
          { offset, limit, quoted: selects(info, ['edges', 'node', 'snippet']) ? limit - 1 : 0 },
        );
        const edges = hits.slice(0, limit - 1).map((hit, i) => ({ cursor: offsetToCursor(offset + i), node: hit }));
        return {
          edges,
          totalCount,
          pageInfo: {
            hasPreviousPage,
            hasNextPage: hasNextPage(hits.length),
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        };
      },
    },
    {
      name: 'SearchResultConnection',
      fields: (c) => ({ totalCount: c.int({ description: 'All matches the viewer may see.', resolve: (connection) => connection.totalCount }) }),
    },
  ),
);
