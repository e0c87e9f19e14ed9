// The minutes rendered from the seed data, compared section by section with the clerk's
// document (shared/seeds/000_…txt), for the public and for members.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { htmlText, markdownText, normalize, pdfText, sections, unbalancedTags } from './support/documents.js';
import { localUrl } from './support/files.js';
import { sharedPath } from './support/shared.js';

const SEED = readFileSync(sharedPath('seeds', '000_8853aff8ef411433.txt'), 'utf8');
const SECRET = 'Leihgerätepauschale Tabletversicherung';
const meetingId = globalIdOf('Meeting', seedIds.meeting2024);

const HEADINGS = [
  'Niederschrift', 'Anwesend waren:', 'Tagesordnung', 'Öffentlicher Teil', 'Nicht öffentlicher Teil',
  'Öffentlicher Teil', 'Zu Punkt 1:', 'Zu Punkt 2:', 'Zu Punkt 3:', 'Zu Punkt 4:', 'Zu Punkt 5:', 'Zu Punkt 6:',
  'Zu Punkt 6.1:', 'Nicht öffentlicher Teil', 'Ende der Sitzung:',
];

/**
 * The seed as the software renders it. Deliberate differences from the printed document:
 * - extraction artefacts (lines of dashes and tabs, "- " before sub-items) are dropped, and the
 *   word broken by a line break ("Hinweisgeber-schutzgesetzes") is rejoined, as in the seed data;
 * - no "Fax:" line (the data model has no fax number);
 * - the attendance lists the substitute KA Düchting, the guests of the KRZN (greeted in TOP 1,
 *   missing from the printed list) and the excused members, which the printed list leaves out;
 * - anonymous readers do not see the paper reference of the non-public TOP 8 (a lead decision:
 *   stricter than the printed public minutes).
 */
function expectedSeed(reader: 'public' | 'member'): string {
  let text = SEED.split('\n')
    .filter((line) => !/^[-\t ]+$/.test(line) && !/^Fax:/.test(line))
    .map((line) => line.replace(/^- /, ''))
    .join('\n');
  text = normalize(text)
    .replace('Hinweisgeber-schutzgesetzes', 'Hinweisgeberschutzgesetzes')
    .replace('ab 16:53 Uhr Verwaltung', 'ab 16:53 Uhr Vertretungen Herr Düchting (Vertretung für Niemeyer) Verwaltung')
    .replace(
      'Gäste Tagesordnung',
      'Gäste Herr Fischer (KRZN) Herr Lemm (KRZN) Entschuldigt Herr Buchholz Herr Burghaus (Vertretung für Buchholz) Herr Niemeyer Tagesordnung',
    );
  return reader === 'public' ? text.replace('8. Digitaler Sitzungsdienst 12/006/2024', '8. Digitaler Sitzungsdienst') : text;
}

let server: TestServer;
let clerk: string;
let member: string;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await tokenFor(['clerk']);
  member = await tokenFor(['member'], seedIds.person.weiss);
  const updated = await server.graphql(
    `mutation($id: ID!, $text: String!) { updateAgendaItem(agendaItemId: $id, protocolText: $text) { id } }`,
    { id: globalIdOf('AgendaItem', seedIds.agendaItem['8']), text: SECRET },
    clerk,
  );
  expect(updated.errors).toBeUndefined();
});
afterAll(() => server?.stop());

async function minutes(format: 'MARKDOWN' | 'HTML' | 'PDF', token?: string) {
  const response = await server.graphql(
    `query($id: ID!, $format: DocumentFormat!) { node(id: $id) { ... on Meeting { minutes(format: $format) { format mediaType content downloadUrl } } } }`,
    { id: meetingId, format },
    token,
  );
  expect(response.errors).toBeUndefined();
  return response.data.node.minutes as { format: string; mediaType: string; content: string | null; downloadUrl: string | null };
}

describe('the public minutes', () => {
  it('match the seed section by section in Markdown', async () => {
    const { content, mediaType } = await minutes('MARKDOWN');
    expect(mediaType).toMatch(/^text\/markdown/);
    expect(sections(markdownText(content!), HEADINGS)).toEqual(sections(expectedSeed('public'), HEADINGS));
    expect(content).not.toContain(SECRET);
  });

  it('are valid, accessible HTML with the same text', async () => {
    const { content } = await minutes('HTML');
    const html = content!;
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="de">/);
    expect(html).toContain('<h1>Niederschrift</h1>');
    expect(html).toContain('<h2>Anwesend waren:</h2>');
    expect(html).toContain('<h3>Zu Punkt 5: Haushalt 2025 - Vorlage Nr. 20/022/2024</h3>');
    expect(html).toMatch(/<th scope="row">Sitzungstermin<\/th>/);
    expect(html).toMatch(/<ul><li>Markus Bösel<\/li>/);
    expect(html).toContain('@media print');
    expect(unbalancedTags(html)).toEqual([]);
    expect(sections(htmlText(html), HEADINGS)).toEqual(sections(expectedSeed('public'), HEADINGS));
    expect(html).not.toContain(SECRET);
  });

  it('are a PDF download with the public text', async () => {
    const { downloadUrl, content } = await minutes('PDF');
    expect(content).toBeNull();
    const response = await fetch(localUrl(server, downloadUrl!));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(response);
    expect(normalize(text)).toContain('Zu Punkt 5: Haushalt 2025 - Vorlage Nr. 20/022/2024');
    expect(normalize(text)).toContain('Abstimmungsergebnis: einstimmig angenommen');
    expect(text).not.toContain('Tabletversicherung');
  });
});

describe('the complete minutes for members and clerks', () => {
  it('show the non-public part with its papers and protocol', async () => {
    for (const token of [member, clerk]) {
      const text = markdownText((await minutes('MARKDOWN', token)).content!);
      const got = sections(text, HEADINGS.slice(0, -1));
      const want = sections(expectedSeed('member'), HEADINGS.slice(0, -1));
      // Everything up to the non-public protocol is the seed, including the reference of TOP 8.
      for (const heading of Object.keys(want).slice(0, -1)) expect(got[heading]).toEqual(want[heading]);
      const closed = got[`${HEADINGS.length - 2}: Nicht öffentlicher Teil`];
      expect(closed).toContain('Zu Punkt 8: Digitaler Sitzungsdienst hier: Leihgeräte Kreistagsabgeordnete - Vorlage Nr. 12/006/2024');
      expect(closed).toContain(SECRET);
      expect(closed).not.toContain('[...]');
      expect(closed).toMatch(/Ende der Sitzung: 17:56 Uhr gez\. Dietmar Weiß gez\. Mirko Schumacher$/);
    }
  });

  it('as PDF for the bearer of the token', async () => {
    const { downloadUrl } = await minutes('PDF', member);
    const response = await fetch(localUrl(server, downloadUrl!), { headers: { authorization: `Bearer ${member}` } });
    expect(await pdfText(response)).toContain('Tabletversicherung');
  });
});

describe('the PDF by ETag', () => {
  const get = (token?: string, etag?: string) =>
    fetch(`${server.url}/meetings/${encodeURIComponent(meetingId)}/minutes.pdf`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(etag ? { 'if-none-match': etag } : {}) },
    });

  it('never serves one audience the PDF of another, answers 304 for the same document, and a new one after a change', async () => {
    const forMember = await get(member);
    const memberTag = forMember.headers.get('etag')!;
    expect(forMember.headers.get('cache-control')).toBe('private, no-cache');
    expect(await pdfText(forMember)).toContain('Tabletversicherung');
    // Right after the member's rendering, and even when sent the member's ETag, the public gets the public minutes.
    const forPublic = await get(undefined, memberTag);
    expect(forPublic.status).toBe(200);
    const publicTag = forPublic.headers.get('etag')!;
    expect(publicTag).not.toBe(memberTag);
    expect(await pdfText(forPublic)).not.toContain('Tabletversicherung');
    // The member's version again, from the cache: still the member's text.
    expect(await pdfText(await get(member))).toContain('Tabletversicherung');
    // Each ETag names its own reader's version: 304 without a body.
    const unchanged = await get(member, memberTag);
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect((await get(undefined, publicTag)).status).toBe(304);
    // A change to the minutes: the old ETag no longer matches, and the new text is in the PDF.
    const updated = await server.graphql(
      `mutation($id: ID!) { updateAgendaItem(agendaItemId: $id, protocolText: "Nachtrag zur Niederschrift Kassenpruefung") { id } }`,
      { id: globalIdOf('AgendaItem', seedIds.agendaItem['6.1']) },
      clerk,
    );
    expect(updated.errors).toBeUndefined();
    const changed = await get(undefined, publicTag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(publicTag);
    expect(normalize(await pdfText(changed))).toContain('Kassenpruefung');
  });
});
