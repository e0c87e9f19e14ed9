// German full-text search through the API: inflections, prefixes, umlaut spellings, references,
// phrases, exclusions, filters, paging, and never a word of non-public content to the unentitled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { at } from './support/indexing.js';

const SECRET = 'Die Leihgeräte erhalten eine Tabletversicherung über den Rahmenvertrag Quokkastadt.';

let server: TestServer;
const tokens: Record<'anonymous' | 'outsider' | 'member' | 'clerk', string | undefined> = {
  anonymous: undefined,
  outsider: undefined,
  member: undefined,
  clerk: undefined,
};

beforeAll(async () => {
  server = await startTestServer();
  tokens.clerk = await tokenFor(['clerk']);
  tokens.member = await tokenFor(['member'], seedIds.person.weiss);
  tokens.outsider = await tokenFor(['member'], seedIds.person.hendele);
  const protocol = await server.graphql(
    `mutation($id: ID!, $text: String!) { updateAgendaItem(agendaItemId: $id, protocolText: $text) { id } }`,
    { id: globalIdOf('AgendaItem', seedIds.agendaItem['8']), text: SECRET },
    tokens.clerk,
  );
  expect(protocol.errors).toBeUndefined();
  const added = await server.graphql(
    `mutation($meeting: ID!) { addAgendaItem(meetingId: $meeting, name: "Glasfaser an der Düsseldorfer Straße", subtitle: "hier: Antrag von Frau Günther") { id } }`,
    { meeting: globalIdOf('Meeting', seedIds.meeting20240909) },
    tokens.clerk,
  );
  expect(added.errors).toBeUndefined();
});
afterAll(() => server?.stop());

interface Hit {
  type: string;
  rank: number;
  title: string;
  snippet: string;
  node: { id: string } | null;
}

async function search(query: string, token?: string, extra: Record<string, unknown> = {}) {
  const response = await server.graphql(
    `query($query: String!, $types: [SearchType!], $organizationId: ID, $from: Date, $to: Date, $first: Int, $after: String) {
      search(query: $query, types: $types, organizationId: $organizationId, from: $from, to: $to, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { type title snippet rank node { id } } }
      }
    }`,
    { query, ...extra },
    token,
  );
  expect(response.errors).toBeUndefined();
  const connection = response.data.search as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Hit }[] };
  return { ...connection, hits: connection.edges.map((edge) => edge.node) };
}

const item = (number: keyof typeof seedIds.agendaItem) => globalIdOf('AgendaItem', seedIds.agendaItem[number]);
const ids = (hits: Hit[]) => hits.map((hit) => hit.node?.id);

describe('German as people type it', () => {
  it('finds inflected forms: "Haushalts" finds the Haushalt 2025 item and paper', async () => {
    const { hits } = await search('Haushalts');
    expect(ids(hits)).toContain(item('5'));
    expect(ids(hits)).toContain(globalIdOf('Paper', seedIds.paper['20/022/2024']));
    expect(hits.find((hit) => hit.node?.id === item('5'))!.snippet).toContain('<mark>Haushalt</mark>');
  });

  it('finds compounds by their beginning: "Digital" finds "Digitalisierung"', async () => {
    const { hits } = await search('Digital', undefined, { types: ['AGENDA_ITEM'] });
    const top4 = hits.find((hit) => hit.node?.id === item('4'));
    expect(top4?.snippet).toContain('<mark>Digitalisierung</mark>');
  });

  it('takes umlauts and ß in either spelling', async () => {
    const schoelzel = await search('Schoelzel');
    expect(schoelzel.hits.find((hit) => hit.node?.id === item('1'))?.snippet).toContain('<mark>Schölzel</mark>');
    const strasse = await search('Strasse');
    expect(strasse.hits.map((hit) => hit.title)).toEqual(['1. Glasfaser an der Düsseldorfer Straße hier: Antrag von Frau Günther']);
    expect((await search('Guenther')).hits.map((hit) => hit.title)).toEqual(strasse.hits.map((hit) => hit.title));
  });

  it('finds paper references as typed', async () => {
    const { hits } = await search('20/022/2024');
    expect(hits.map((hit) => [hit.type, hit.title])).toEqual([['PAPER', '20/022/2024 Haushalt 2025']]);
  });

  it('matches quoted phrases in order only', async () => {
    expect(ids((await search('"Kommunalen Rechenzentrum"')).hits)).toContain(item('4'));
    expect(ids((await search('"Rechenzentrum Kommunalen"')).hits)).not.toContain(item('4'));
  });

  it('leaves out what is excluded with -word', async () => {
    const all = ids((await search('KRZN', tokens.clerk)).hits);
    const withoutLemm = ids((await search('KRZN -Lemm', tokens.clerk)).hits);
    expect(all).toContain(item('4'));
    expect(withoutLemm).not.toContain(item('4'));
    expect(withoutLemm).toContain(item('9'));
  });

  it('ranks a title match above a mention in the text', async () => {
    const { hits } = await search('Nachträge', undefined, { types: ['AGENDA_ITEM'] });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit, i) => i === 0 || at(hits, i - 1).rank >= hit.rank)).toBe(true);
    expect(at(hits, 0).title).toMatch(/Nachträge/);
  });
});

describe('filters and paging', () => {
  it('filters by type, organization (with its former name) and period', async () => {
    const papers = await search('KRZN', undefined, { types: ['PAPER'] });
    expect(papers.hits.every((hit) => hit.type === 'PAPER')).toBe(true);
    const committee = globalIdOf('Organization', seedIds.committee);
    // The 2020 assignments belong to the predecessor; the renamed committee finds them.
    const assignments = await search('KRZN', undefined, { types: ['ASSIGNMENT'], organizationId: committee });
    expect(assignments.totalCount).toBeGreaterThan(0);
    const kreisausschuss = await search('Haushalt', undefined, { organizationId: globalIdOf('Organization', seedIds.kreisausschuss) });
    expect(kreisausschuss.totalCount).toBe(0);
    const in2018 = await search('KRZN', undefined, { types: ['AGENDA_ITEM'], from: '2018-01-01', to: '2018-12-31' });
    expect(in2018.hits.map((hit) => hit.title).sort()).toEqual([
      '3. Beitrittsvereinbarung KRZN hier: Besichtigung des KRZN',
      '7. Geschäftsbericht 2017 der eigenbetriebsähnlichen Einrichtung AKDN-sozial des KDN - Dachverband kommunaler IT-Dienstleister hier: Perspektiven von AKDN-sozial im KRZN',
    ]);
  });

  it('pages through the results with a stable total', async () => {
    const first = await search('Verwaltung', tokens.clerk, { first: 2 });
    expect(first.hits).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await search('Verwaltung', tokens.clerk, { first: 2, after: first.pageInfo.endCursor });
    expect(second.totalCount).toBe(first.totalCount);
    expect(ids(second.hits).some((id) => ids(first.hits).includes(id))).toBe(false);
  });

  it('refuses a query with nothing to look for', async () => {
    for (const query of ['-KRZN', '   ', 'x'.repeat(201)]) {
      const response = await server.graphql(`query($q: String!) { search(query: $q) { totalCount } }`, { q: query });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('snippets', () => {
  // Snippets are computed only for the hits shown, and only when asked for: the same hits either way.
  const hitsOf = (response: { errors?: unknown; data?: any }) => {
    expect(response.errors).toBeUndefined();
    return response.data.search as { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: { node: Record<string, unknown> }[] };
  };

  it('finds, ranks and counts the same with and without them', async () => {
    const variables = { query: 'Verwaltung', first: 3 };
    const quoted = hitsOf(await server.graphql(
      `query($query: String!, $first: Int) { search(query: $query, first: $first) { totalCount pageInfo { hasNextPage } edges { node { type title rank snippet node { id } } } } }`,
      variables,
      tokens.clerk,
    ));
    const unquoted = hitsOf(await server.graphql(
      `query($query: String!, $first: Int) { search(query: $query, first: $first) { totalCount pageInfo { hasNextPage } edges { node { type title rank node { id } } } } }`,
      variables,
      tokens.clerk,
    ));
    expect(quoted.edges).toHaveLength(3);
    expect(quoted.pageInfo.hasNextPage).toBe(true);
    // Every hit of the page is quoted, the last one too (the one read ahead is not shown).
    expect(quoted.edges.every((edge) => String(edge.node.snippet).includes('<mark>'))).toBe(true);
    expect(unquoted).toEqual({ ...quoted, edges: quoted.edges.map(({ node: { snippet: _snippet, ...node } }) => ({ node })) });
  });

  it('are given when asked for through an alias, a fragment or @include', async () => {
    const response = await server.graphql(
      `query($query: String!, $quote: Boolean!) {
        search(query: $query, types: [AGENDA_ITEM], first: 1) { edges { node { ...Quote passage: snippet @include(if: $quote) } } }
      }
      fragment Quote on SearchResult { ... on SearchResult { text: snippet } }`,
      { query: 'Tabletversicherung', quote: true },
      tokens.member,
    );
    const [edge] = hitsOf(response).edges;
    expect(edge?.node.text).toContain('<mark>Tabletversicherung</mark>');
    expect(edge?.node.passage).toBe(edge?.node.text);
  });

  it('never quote the text of a non-public item to the unentitled, however asked for', async () => {
    for (const reader of ['anonymous', 'outsider'] as const) {
      const response = await server.graphql(
        `query { search(query: "Leihgeräte", types: [AGENDA_ITEM]) { edges { node { ...on SearchResult { snippet } node { id } } } } }`,
        {},
        tokens[reader],
      );
      const hit = hitsOf(response).edges.find((edge) => (edge.node.node as { id: string }).id === item('8'));
      expect([reader, hit?.node.snippet]).toEqual([reader, 'Digitaler Sitzungsdienst hier: <mark>Leihgeräte</mark> Kreistagsabgeordnete']);
    }
  });
});

describe('non-public content', () => {
  it('is found only by members of the committee and clerks', async () => {
    for (const reader of ['anonymous', 'outsider'] as const) {
      for (const query of ['Tabletversicherung', 'Quokkastadt', '"Rahmenvertrag Quokkastadt"']) {
        const result = await search(query, tokens[reader]);
        expect([reader, query, result.totalCount, result.hits]).toEqual([reader, query, 0, []]);
      }
    }
    for (const reader of ['member', 'clerk'] as const) {
      const { hits, totalCount } = await search('Tabletversicherung', tokens[reader]);
      expect(totalCount).toBe(1);
      expect(at(hits, 0).node?.id).toBe(item('8'));
      expect(at(hits, 0).snippet).toContain('<mark>Tabletversicherung</mark>');
    }
  });

  it('shows the unentitled the title of a non-public item, never its text or paper', async () => {
    const { hits } = await search('Leihgeräte');
    const top8 = hits.find((hit) => hit.node?.id === item('8'));
    expect(top8?.snippet).toBe('Digitaler Sitzungsdienst hier: <mark>Leihgeräte</mark> Kreistagsabgeordnete');
    expect((await search('12/006/2024')).totalCount).toBe(0);
    expect((await search('12/006/2024', tokens.member)).totalCount).toBe(1);
    // Ranking and counts are the same as if the text did not exist.
    const anonymous = await search('Leihgeräte Quokkastadt');
    expect(anonymous.totalCount).toBe(0);
  });
});

describe('more matches than are ranked from their whole text', () => {
  // 104 items with the word in their title; the best 100 by their titles are ranked again from
  // their texts, the others and the mentions in texts alone follow.
  const WORD = 'Brunnenkataster';
  const added: Record<'mentioned' | 'textOnly' | 'hidden' | 'twin', string[]> = { mentioned: [], textOnly: [], hidden: [], twin: [] };

  async function addItem(name: string, options: { public?: boolean; protocolText?: string } = {}): Promise<string> {
    const response = await server.graphql(
      `mutation($meeting: ID!, $name: String!, $public: Boolean) { addAgendaItem(meetingId: $meeting, name: $name, public: $public) { id } }`,
      { meeting: globalIdOf('Meeting', seedIds.meeting20240909), name, public: options.public ?? true },
      tokens.clerk,
    );
    expect(response.errors).toBeUndefined();
    const id = response.data.addAgendaItem.id as string;
    if (options.protocolText) {
      const updated = await server.graphql(
        `mutation($id: ID!, $text: String!) { updateAgendaItem(agendaItemId: $id, protocolText: $text) { id } }`,
        { id, text: options.protocolText },
        tokens.clerk,
      );
      expect(updated.errors).toBeUndefined();
    }
    return id;
  }

  beforeAll(async () => {
    for (let n = 1; n <= 98; n++) await addItem(`${WORD} Ortsteil ${n}`);
    // The word twice in the title: among the best by their titles, and ranked again from their texts.
    for (let n = 1; n <= 3; n++) added.mentioned.push(await addItem(`${WORD}: ${WORD} Bezirk ${n}`, { protocolText: `Der ${WORD} wird fortgeschrieben. `.repeat(n) }));
    // A non-public item whose text is full of the word, and a public one of the same title without text.
    added.hidden.push(await addItem(`${WORD}: ${WORD} Quellschutz`, { public: false, protocolText: `${WORD} `.repeat(20) }));
    added.twin.push(await addItem(`${WORD}: ${WORD} Quellschutz`));
    for (let n = 1; n <= 2; n++) added.textOnly.push(await addItem(`Wasserversorgung ${n}`, { protocolText: `Auch der ${WORD} ist betroffen.` }));
  });

  async function all(token?: string) {
    const hits: Hit[] = [];
    let after: string | undefined;
    let totalCount = 0;
    for (;;) {
      const page = await search(WORD, token, { types: ['AGENDA_ITEM'], first: 30, after });
      totalCount = page.totalCount;
      hits.push(...page.hits);
      if (!page.pageInfo.hasNextPage) return { hits, totalCount };
      after = page.pageInfo.endCursor;
    }
  }

  it('pages through all of them once, ranked higher first, the mentions in texts last', async () => {
    const { hits, totalCount } = await all(tokens.anonymous);
    expect(totalCount).toBe(105);
    expect(new Set(ids(hits)).size).toBe(105);
    expect(hits.every((hit, i) => i === 0 || at(hits, i - 1).rank >= hit.rank)).toBe(true);
    expect(ids(hits.slice(0, 3)).sort()).toEqual([...added.mentioned].sort());
    expect(ids(hits.slice(-2)).sort()).toEqual([...added.textOnly].sort());
  });

  it('ranks a non-public item by its title alone for the unentitled', async () => {
    const rankOf = (hits: Hit[], id: string | undefined) => hits.find((hit) => hit.node?.id === id)?.rank;
    for (const reader of ['anonymous', 'outsider'] as const) {
      const { hits, totalCount } = await all(tokens[reader]);
      expect([reader, totalCount]).toEqual([reader, 105]);
      expect([reader, rankOf(hits, added.hidden[0])]).toEqual([reader, rankOf(hits, added.twin[0])]);
    }
    for (const reader of ['member', 'clerk'] as const) {
      const { hits, totalCount } = await all(tokens[reader]);
      expect([reader, totalCount]).toEqual([reader, 105]);
      expect(rankOf(hits, added.hidden[0])).toBeGreaterThan(rankOf(hits, added.twin[0])!);
      expect(at(hits, 0).node?.id).toBe(added.hidden[0]);
    }
  });
});

