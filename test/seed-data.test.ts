// Checks the stored seed, fact by fact, against the two documents:
//   Niederschrift, Ausschuss für Digitalisierung, 21.11.2024 (seeds/000_…txt)
//   Offene Beschlüsse, Prüf- und Arbeitsaufträge, Ausschuss für Informationstechnik und digitale
//   Verwaltung, Berichtszeitraum 2020 (seeds/004_…txt)
// The expectations are written from the documents, not copied from src/seed/data.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { openPGlite, pgliteSession } from '../src/db/pglite.js';
import { seedDatabase } from '../src/seed/index.js';
import { seedIds, seedUuid } from '../src/seed/ids.js';
import { at } from './support/indexing.js';

let pglite: PGlite;
let prisma: PrismaClient;
let firstRun: boolean;

const ids = seedIds;
const P = seedIds.person;
const AI = seedIds.agendaItem;

async function countAll() {
  return {
    body: await prisma.body.count(),
    organization: await prisma.organization.count(),
    person: await prisma.person.count(),
    membership: await prisma.membership.count(),
    location: await prisma.location.count(),
    meeting: await prisma.meeting.count(),
    meetingOrganization: await prisma.meetingOrganization.count(),
    meetingSignatory: await prisma.meetingSignatory.count(),
    attendance: await prisma.attendance.count(),
    paper: await prisma.paper.count(),
    agendaItem: await prisma.agendaItem.count(),
    consultation: await prisma.consultation.count(),
    file: await prisma.file.count(),
    vote: await prisma.vote.count(),
    assignment: await prisma.assignment.count(),
    statusReport: await prisma.statusReport.count(),
  };
}

beforeAll(async () => {
  pglite = await openPGlite();
  await applyMigrations(pgliteSession(pglite));
  prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  firstRun = await seedDatabase(prisma);
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pglite?.close();
});

describe('seeding', () => {
  it('writes on the first run and nothing on the second', async () => {
    expect(firstRun).toBe(true);
    const before = await countAll();
    expect(before.body).toBe(1);
    expect(await seedDatabase(prisma)).toBe(false);
    expect(await countAll()).toEqual(before);
  });

  it('uses fixed, valid UUIDs', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(ids.body).toMatch(uuid);
    expect(P.weiss).toMatch(uuid);
    expect(seedUuid('person:weiss')).toBe(P.weiss);
    const all = [ids.body, ids.committee, ids.committeeBefore, ids.kreistag, ids.kreisausschuss, ids.meeting2024, ...Object.values(P), ...Object.values(AI)];
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('organizations', () => {
  it('has the body Kreis Mettmann', async () => {
    const body = await prisma.body.findUniqueOrThrow({ where: { id: ids.body } });
    expect(body.name).toBe('Kreis Mettmann');
  });

  it('has Kreistag, Kreisausschuss (KA), Kreisverwaltung and the KRZN', async () => {
    const kt = await prisma.organization.findUniqueOrThrow({ where: { id: ids.kreistag } });
    expect(kt.name).toBe('Kreistag');
    const ka = await prisma.organization.findUniqueOrThrow({ where: { id: ids.kreisausschuss } });
    expect([ka.name, ka.shortName]).toEqual(['Kreisausschuss', 'KA']);
    const kv = await prisma.organization.findUniqueOrThrow({ where: { id: ids.kreisverwaltung } });
    expect([kv.name, kv.organizationType]).toEqual(['Kreisverwaltung Mettmann', 'Verwaltungsbereich']);
    const krzn = await prisma.organization.findUniqueOrThrow({ where: { id: ids.krzn } });
    expect([krzn.name, krzn.shortName, krzn.organizationType]).toEqual(['Kommunales Rechenzentrum Niederrhein', 'KRZN', 'sonstiges']);
  });

  it('records the renaming: Ausschuss für Digitalisierung succeeds the Ausschuss für Informationstechnik und digitale Verwaltung', async () => {
    const committee = await prisma.organization.findUniqueOrThrow({
      where: { id: ids.committee },
      include: { predecessor: true },
    });
    expect(committee.name).toBe('Ausschuss für Digitalisierung');
    expect(committee.subOrganizationOfId).toBe(ids.kreistag);
    expect(committee.predecessor?.id).toBe(ids.committeeBefore);
    expect(committee.predecessor?.name).toBe('Ausschuss für Informationstechnik und digitale Verwaltung');
    const before = await prisma.organization.findUniqueOrThrow({ where: { id: ids.committeeBefore }, include: { successor: true } });
    expect(before.successor?.id).toBe(ids.committee);
    expect(before.subOrganizationOfId).toBe(ids.kreistag);
    // Not stated in the seeds: left to the quorum code (seats from memberships).
    expect(committee.statutorySeats).toBeNull();
  });

  it('has the three Fraktionen named in the texts', async () => {
    const fraktionen = await prisma.organization.findMany({ where: { organizationType: 'Fraktion' }, orderBy: { name: 'asc' } });
    expect(fraktionen.map((f) => f.name)).toEqual(['CDU-Fraktion', 'FDP-Fraktion', 'Fraktion BÜNDNIS 90/DIE GRÜNEN']);
  });
});

describe('persons and memberships', () => {
  const printed = [
    'Dietmar Weiß', 'Markus Bösel', 'Souhaila El Ghanou', 'Felix Freitag', 'Christian Gartmann', 'Dr. Tina Guenther',
    'Thomas Hoffmann', 'Roman Lang', 'Helmut Rohden', 'Paul Söhnchen', 'Dietmar Viehöver', 'Erhard Weber',
    'Solveigh Zieger', 'Heike Becker', 'Anja Büttner', 'Philipp Gilbert', 'Peter Herz', 'Michael Pietrowski',
    'Christian Schölzel', 'Mirko Schumacher',
  ];
  const namedInText = ['Niemeyer', 'Düchting', 'Buchholz', 'Burghaus', 'Fischer', 'Lemm', 'Richter', 'Müller', 'Hendele', 'Prüßmeier', 'Küchler', 'Kosch'];

  it('has every person of both documents', async () => {
    const persons = await prisma.person.findMany();
    const names = persons.map((p) => p.name);
    for (const name of printed) expect(names).toContain(name);
    const familyNames = persons.map((p) => p.familyName);
    for (const name of namedInText) expect(familyNames).toContain(name);
    expect(persons).toHaveLength(printed.length + namedInText.length);
  });

  it('stores title, form of address and contact data as printed', async () => {
    const guenther = await prisma.person.findUniqueOrThrow({ where: { id: P.guenther } });
    expect([guenther.title, guenther.givenName, guenther.familyName]).toEqual([['Dr.'], 'Tina', 'Guenther']);
    const schumacher = await prisma.person.findUniqueOrThrow({ where: { id: P.schumacher } });
    expect(schumacher.phone).toEqual(['02104 99 1345']);
    expect(schumacher.email).toEqual(['mirko.schumacher@kreis-mettmann.de']);
    const becker = await prisma.person.findUniqueOrThrow({ where: { id: P.becker } });
    expect(becker.formOfAddress).toBe('Frau');
    const pruessmeier = await prisma.person.findUniqueOrThrow({ where: { id: P.pruessmeier } });
    expect([pruessmeier.formOfAddress, pruessmeier.familyName]).toEqual(['Frau', 'Prüßmeier']);
  });

  it('has the committee memberships with voting right', async () => {
    const rows = await prisma.membership.findMany({ where: { organizationId: ids.committee }, include: { person: true } });
    const role = (key: keyof typeof P) => rows.find((m) => m.personId === P[key])?.role;
    expect(role('weiss')).toBe('Vorsitz');
    for (const key of ['boesel', 'elghanou', 'freitag', 'gartmann', 'guenther', 'hoffmann', 'lang', 'rohden', 'viehoever', 'weber', 'zieger', 'niemeyer', 'buchholz'] as const) {
      expect(role(key)).toBe('Mitglied');
    }
    expect(role('soehnchen')).toBe('Sachkundiger Bürger');
    expect(role('duechting')).toBe('Vertretung');
    expect(role('burghaus')).toBe('Vertretung');
    expect(rows.every((m) => m.votingRight)).toBe(true);
    // 15 seats (chair, 12 printed members, 2 excused members) plus 2 deputies
    expect(rows.filter((m) => m.role !== 'Vertretung')).toHaveLength(15);
    // Administration staff are not committee members
    expect(rows.some((m) => m.personId === P.gilbert || m.personId === P.schumacher)).toBe(false);
  });

  it('makes every "KA" a member of the Kreistag', async () => {
    const rows = await prisma.membership.findMany({ where: { organizationId: ids.kreistag } });
    const ka = ['weiss', 'rohden', 'viehoever', 'niemeyer', 'duechting', 'buchholz', 'burghaus', 'pruessmeier', 'kuechler'] as const;
    expect(rows.map((m) => m.personId).sort()).toEqual(ka.map((k) => P[k]).sort());
    expect(rows.every((m) => m.role === 'Kreistagsabgeordnete(r)')).toBe(true);
    // "SB" Söhnchen is not a Kreistag member
    expect(rows.some((m) => m.personId === P.soehnchen)).toBe(false);
  });

  it('records the roles the texts state for the administration', async () => {
    const role = async (key: keyof typeof P) =>
      (await prisma.membership.findFirst({ where: { personId: P[key], organizationId: ids.kreisverwaltung } }))?.role;
    expect(await role('gilbert')).toBe('Kreisdirektor');
    expect(await role('richter')).toBe('Kreisdirektor');
    expect(await role('hendele')).toBe('Landrat');
    const staff = await prisma.membership.findMany({ where: { organizationId: ids.kreisverwaltung } });
    expect(staff.every((m) => !m.votingRight)).toBe(true);
  });
});

describe('the meeting of 21.11.2024', () => {
  it('has the scheduled and the real times as instants (Europe/Berlin, UTC+1)', async () => {
    const m = await prisma.meeting.findUniqueOrThrow({ where: { id: ids.meeting2024 } });
    expect(m.start?.toISOString()).toBe('2024-11-21T15:35:00.000Z'); // 16:35 Uhr
    expect(m.openedAt?.toISOString()).toBe('2024-11-21T15:32:00.000Z'); // 16:32 Uhr
    expect(m.closedAt?.toISOString()).toBe('2024-11-21T16:56:00.000Z'); // 17:56 Uhr
    expect(m.end).toBeNull();
    expect(m.meetingState).toBe('FINISHED');
    expect(m.name).toBe('Sitzung des Ausschusses für Digitalisierung');
  });

  it('belongs to the Ausschuss für Digitalisierung and takes place in the Kreishaus', async () => {
    const m = await prisma.meeting.findUniqueOrThrow({
      where: { id: ids.meeting2024 },
      include: { organizations: true, location: true },
    });
    expect(m.organizations.map((o) => o.organizationId)).toEqual([ids.committee]);
    expect(m.location).toMatchObject({
      description: 'Kreishaus Mettmann',
      streetAddress: 'Düsseldorfer Straße 26',
      postalCode: '40822',
      locality: 'Mettmann',
    });
    expect(m.location?.room).toContain('1.601 (großer Sitzungssaal)');
  });

  it('has minute-taker, place and date of signing, and the two signatories', async () => {
    const m = await prisma.meeting.findUniqueOrThrow({
      where: { id: ids.meeting2024 },
      include: { signatories: { orderBy: { order: 'asc' } } },
    });
    expect(m.minuteTakerId).toBe(P.schumacher);
    expect(m.minutesSignedPlace).toBe('Mettmann');
    expect(m.minutesSignedDate?.toISOString().slice(0, 10)).toBe('2024-11-29');
    expect(m.signatories.map((s) => [s.personId, s.order, s.role])).toEqual([
      [P.weiss, 1, 'Vorsitz'],
      [P.schumacher, 2, 'Schriftführung'],
    ]);
  });

  it('records attendance with roles, status, arrival and substitutes', async () => {
    const rows = await prisma.attendance.findMany({ where: { meetingId: ids.meeting2024 } });
    const of = (key: keyof typeof P) => {
      const row = rows.find((a) => a.personId === P[key]);
      if (!row) throw new Error(`no attendance for ${key}`);
      return row;
    };
    expect(of('weiss')).toMatchObject({ role: 'CHAIR', status: 'PRESENT' });
    for (const key of ['boesel', 'elghanou', 'freitag', 'gartmann', 'guenther', 'hoffmann', 'lang', 'rohden', 'soehnchen', 'viehoever', 'weber'] as const) {
      expect(of(key)).toMatchObject({ role: 'MEMBER', status: 'PRESENT', arrivedAt: null });
    }
    // "Solveigh Zieger … ab 16:53 Uhr"
    expect(of('zieger')).toMatchObject({ role: 'MEMBER', status: 'PRESENT' });
    expect(of('zieger').arrivedAt?.toISOString()).toBe('2024-11-21T15:53:00.000Z');
    // "Als Vertreter für den entschuldigten Herrn KA Niemeyer nimmt Herr KA Düchting an der Sitzung teil."
    expect(of('niemeyer')).toMatchObject({ role: 'MEMBER', status: 'EXCUSED' });
    expect(of('duechting')).toMatchObject({ role: 'SUBSTITUTE', status: 'PRESENT', substituteForId: P.niemeyer });
    // "Ebenfalls entschuldigt fehlen Herr KA Buchholz sowie sein Vertreter, Herr KA Burghaus."
    expect(of('buchholz')).toMatchObject({ role: 'MEMBER', status: 'EXCUSED' });
    expect(of('burghaus')).toMatchObject({ role: 'SUBSTITUTE', status: 'EXCUSED', substituteForId: P.buchholz });
    for (const key of ['becker', 'buettner', 'gilbert', 'herz', 'pietrowski', 'schoelzel'] as const) {
      expect(of(key)).toMatchObject({ role: 'ADMINISTRATION', status: 'PRESENT' });
    }
    expect(of('schumacher')).toMatchObject({ role: 'MINUTE_TAKER', status: 'PRESENT' });
    // Guests named only in the text: "die Gäste Herrn Fischer und Herrn Lemm vom KRZN"
    expect(of('fischer')).toMatchObject({ role: 'GUEST', status: 'PRESENT', affiliation: 'KRZN' });
    expect(of('lemm')).toMatchObject({ role: 'GUEST', status: 'PRESENT', affiliation: 'KRZN' });
    expect(rows).toHaveLength(26);
    // Voting persons present at the end: chair + 12 members + Düchting
    const voting = rows.filter((a) => a.status === 'PRESENT' && ['CHAIR', 'MEMBER', 'SUBSTITUTE'].includes(a.role));
    expect(voting).toHaveLength(14);
  });

  it('has the whole agenda with numbers, order, nesting, public flags, names and subtitles', async () => {
    const items = await prisma.agendaItem.findMany({ where: { meetingId: ids.meeting2024 }, orderBy: { order: 'asc' } });
    const expected: [string, string, string | null, boolean, string | null][] = [
      ['1', 'Formalien', null, true, null],
      ['1.1', 'Eröffnung der Sitzung', null, true, '1'],
      ['1.2', 'Feststellung der ordnungsgemäßen Ladung', null, true, '1'],
      ['1.3', 'Feststellung der Anwesenheit', null, true, '1'],
      ['1.4', 'Feststellung der Beschlussfähigkeit', null, true, '1'],
      ['1.5', 'Feststellung der Tagesordnung', null, true, '1'],
      ['1.6', 'Benennung von Berichterstatterinnen / Berichterstattern für den Kreistag', null, true, '1'],
      ['2', 'Genehmigung der Niederschrift über die Sitzung vom 09.09.2024', null, true, null],
      ['3', 'Informationen der Verwaltung', null, true, null],
      ['4', 'Informationen aus dem Kommunalen Rechenzentrum Niederrhein', null, true, null],
      ['5', 'Haushalt 2025', null, true, null],
      ['6', 'Nachträge', null, true, null],
      ['6.1', 'Einsatz von KI', 'hier: Anfrage der Fraktion BÜNDNIS 90/DIE GRÜNEN vom 06.11.2024', true, '6'],
      ['7', 'Informationen der Verwaltung', null, false, null],
      ['8', 'Digitaler Sitzungsdienst', 'hier: Leihgeräte Kreistagsabgeordnete', false, null],
      ['9', 'Beitrittsvereinbarung KRZN', 'hier: Anschlussvereinbarung', false, null],
      ['10', 'Nachträge', null, false, null],
    ];
    expect(items.map((i) => [i.number, i.name, i.subtitle, i.public, i.parentId])).toEqual(
      expected.map(([number, name, subtitle, isPublic, parent]) => [number, name, subtitle, isPublic, parent ? AI[parent as keyof typeof AI] : null]),
    );
    expect(items.map((i) => i.order)).toEqual(expected.map((_, index) => index + 1));
    expect(items.map((i) => i.id)).toEqual(expected.map(([number]) => AI[number as keyof typeof AI]));
  });

  it('keeps the protocol texts verbatim, paragraphs separated by a blank line', async () => {
    const text = async (n: keyof typeof AI) => (await prisma.agendaItem.findUniqueOrThrow({ where: { id: AI[n] } })).protocolText ?? '';
    const top1 = await text('1');
    expect(top1.startsWith('Um 16:32 Uhr eröffnet der Ausschussvorsitzende Herr KA Weiß die Sitzung')).toBe(true);
    expect(top1.split('\n\n')).toHaveLength(4);
    expect(top1).toContain('Ebenfalls entschuldigt fehlen Herr KA Buchholz sowie sein Vertreter, Herr KA Burghaus.');
    expect(await text('2')).toBe(
      'Der Ausschussvorsitzende fragt, ob es Anmerkungen zur letzten Niederschrift gibt. Dies ist nicht der Fall.\n\n' +
        'Die Niederschrift der Sitzung des Ausschusses für Digitalisierung vom 09.09.2024 wird genehmigt.',
    );
    const top3 = await text('3');
    expect(top3.startsWith('Herr Herz berichtet dem Ausschuss für Digitalisierung anhand der anliegenden Präsentation (Anlage 1)')).toBe(true);
    expect(top3).toContain('Check „B-Hard“ zur Informationssicherheit');
    const top4 = await text('4');
    expect(top4.startsWith('Herr Fischer berichtet dem Ausschuss über Neuigkeiten aus dem Kommunalen Rechenzentrum.')).toBe(true);
    expect(top4.split('\n\n')).toHaveLength(15);
    expect(top4).toContain('76% der Kernprodukte des KRZN');
    expect(top4.endsWith('ist als Anlage 2 der Niederschrift beigelegt.')).toBe(true);
    const top6 = await text('6.1');
    expect(top6.startsWith('Herr Kreisdirektor Gilbert leitet das Thema ein')).toBe(true);
    expect(top6).toContain('„am Steuer einschlafen“');
    for (const n of ['1.1', '1.6', '6', '7', '8', '9', '10'] as const) {
      expect((await prisma.agendaItem.findUniqueOrThrow({ where: { id: AI[n] } })).protocolText).toBeNull();
    }
  });

  it('has the results and the resolution of TOP 5', async () => {
    const result = async (n: keyof typeof AI) => (await prisma.agendaItem.findUniqueOrThrow({ where: { id: AI[n] } })).result;
    expect(await result('2')).toBe('genehmigt');
    expect(await result('3')).toBe('zur Kenntnis genommen');
    expect(await result('4')).toBe('zur Kenntnis genommen');
    expect(await result('5')).toBe('einstimmig angenommen');
    expect(await result('6.1')).toBe('zur Kenntnis genommen');
    const top5 = await prisma.agendaItem.findUniqueOrThrow({ where: { id: AI['5'] } });
    expect(top5.resolutionText).toBe(
      'Der Ausschuss nimmt den vorliegenden Haushaltsentwurf für das Haushaltsjahr 2025 – soweit er in seine Zuständigkeit fällt – zur Kenntnis und empfiehlt dem Kreisausschuss dem Entwurf mit den beratenen Änderungen zuzustimmen und an den Kreistag zur Beschlussfassung weiterzuleiten.',
    );
    expect(top5.protocolText?.startsWith('Der Ausschussvorsitzende Herr KA Weiß gibt die Möglichkeit')).toBe(true);
  });

  it('has the vote on TOP 5: counted, unanimous, adopted, closed, counts unknown', async () => {
    const votes = await prisma.vote.findMany({ where: { agendaItemId: AI['5'] } });
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({
      id: ids.voteTop5,
      kind: 'COUNTED',
      state: 'CLOSED',
      yes: null,
      no: null,
      abstain: null,
      unanimous: true,
      result: 'ADOPTED',
    });
    expect(await prisma.vote.count()).toBe(1);
  });

  it('has the papers with reference, type, date, originator and agenda item', async () => {
    const haushalt = await prisma.paper.findFirstOrThrow({ where: { reference: '20/022/2024' }, include: { consultations: true } });
    expect(haushalt.name).toBe('Haushalt 2025');
    expect(haushalt.consultations.map((c) => c.agendaItemId)).toEqual([AI['5']]);
    const ki = await prisma.paper.findFirstOrThrow({
      where: { reference: '12/007/2024' },
      include: { consultations: true, originatorOrganizations: { include: { organization: true } } },
    });
    expect([ki.name, ki.paperType, ki.date?.toISOString().slice(0, 10)]).toEqual(['Einsatz von KI', 'Anfrage', '2024-11-06']);
    expect(ki.originatorOrganizations.map((o) => o.organization.name)).toEqual(['Fraktion BÜNDNIS 90/DIE GRÜNEN']);
    expect(ki.consultations.map((c) => c.agendaItemId)).toEqual([AI['6.1']]);
    const sitzungsdienst = await prisma.paper.findFirstOrThrow({ where: { reference: '12/006/2024' }, include: { consultations: true } });
    expect(sitzungsdienst.consultations.map((c) => c.agendaItemId)).toEqual([AI['8']]);
    expect(seedIds.paper['20/022/2024']).toBe(haushalt.id);
  });

  it('has Anlage 1–3 as files without content, on TOP 3, 4 and 6.1', async () => {
    const files = await prisma.file.findMany({ where: { meetingId: ids.meeting2024 }, orderBy: { name: 'asc' } });
    expect(files.map((f) => [f.name.slice(0, 8), f.agendaItemId, f.storageKey])).toEqual([
      ['Anlage 1', AI['3'], null],
      ['Anlage 2', AI['4'], null],
      ['Anlage 3', AI['6.1'], null],
    ]);
    expect(at(files, 1).name).toContain('KRZN');
  });

  it('knows the earlier meeting of 09.09.2024 whose minutes were approved', async () => {
    const m = await prisma.meeting.findUniqueOrThrow({ where: { id: ids.meeting20240909 }, include: { organizations: true } });
    expect(m.organizations.map((o) => o.organizationId)).toEqual([ids.committee]);
    expect(m.start?.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' })).toBe('09.09.2024');
    expect(m.locationId).toBeNull();
    expect(await prisma.attendance.count({ where: { meetingId: m.id } })).toBe(0);
  });
});

describe('the 2020 report of open resolutions and assignments', () => {
  const berlinDate = (d: Date | null | undefined) =>
    d?.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });

  const rows: {
    key: keyof typeof seedIds.assignment;
    date: string;
    top: string;
    topName: string;
    paper: string | null;
    textStart: string;
    statusStart: string;
    status: 'DONE' | 'IN_PROGRESS' | 'NOT_FEASIBLE';
    kind: 'RESOLUTION' | 'REVIEW' | 'WORK';
  }[] = [
    { key: 'guteSchule2020', date: '19.10.2017', top: '15', topName: 'Gute Schule 2020', paper: '40/029/2017', textStart: 'Der Kreistag hat am 19.10.2017 den Beschluss gefasst:', statusStart: 'Die Verwaltung wird dem Ausschuss für Informationstechnik und digitale Verwaltung im Jahr 2019 weiter laufend berichten.', status: 'IN_PROGRESS', kind: 'RESOLUTION' },
    { key: 'linuxDortmund', date: '04.06.2018', top: '3', topName: 'Informationen der Verwaltung', paper: null, textStart: 'Herr Kreisdirektor Richter berichtet von den Überlegungen der Stadt Dortmund zum Einsatz von Open-Source-Software.', statusStart: 'Auf Grund des zwischenzeitlichen Beitritts des Kreises zum KRZN ist der Einsatz von Open-Source-Software beim Kreis Mettmann obsolet.', status: 'NOT_FEASIBLE', kind: 'REVIEW' },
    { key: 'digitaleAuslaenderakte', date: '04.06.2018', top: '5', topName: 'Sachstandsbericht zum Masterplan E-Government 2020', paper: '16/010/2018', textStart: 'Frau KA Prüßmeier erfragt den aktuellen Sachstand des Projektes „Digitale Ausländerakte“.', statusStart: 'Es werden noch aktuelle Entwicklungen / Standardisierungen zum Thema aus dem Competence Center Digitalisierung (CCD) bei IT-NRW abgewartet.', status: 'IN_PROGRESS', kind: 'WORK' },
    { key: 'itSicherheit', date: '04.06.2018', top: '5', topName: 'Sachstandsbericht zum Masterplan E-Government 2020', paper: '16/010/2018', textStart: 'Frau KA Küchler erkundigt sich nach den Sicherheitsrisiken', statusStart: 'Das Thema ist noch in Bearbeitung.', status: 'IN_PROGRESS', kind: 'WORK' },
    { key: 'akdnSozial', date: '12.11.2018', top: '7', topName: 'Geschäftsbericht 2017 der eigenbetriebsähnlichen Einrichtung AKDN-sozial des KDN - Dachverband kommunaler IT-Dienstleister', paper: '16/015/2018', textStart: 'Herr Müller erläutert, dass der Kreis Mettmann künftig aufgrund seines Ausscheidens aus dem KDN', statusStart: 'Eine mögliche Übernahme des Rechenzentrumsbetriebes von AKDN-sozial durch das KRZN ist noch in der Abstimmung.', status: 'IN_PROGRESS', kind: 'WORK' },
    { key: 'digitalisierungsbericht', date: '12.11.2018', top: '8', topName: 'Nachträge', paper: null, textStart: 'Auf den Antrag der FDP-Fraktion verpflichtet sich die Verwaltung, dem Ausschuss jährlich', statusStart: 'Die Verwaltung stellt dem Ausschuss für Informationstechnik und digitale Verwaltung jeweils in der zweiten Sitzung', status: 'IN_PROGRESS', kind: 'WORK' },
    { key: 'leichteSprache', date: '12.11.2018', top: '8', topName: 'Nachträge', paper: null, textStart: 'Auf die Anfrage der FDP-Fraktion verpflichtet sich die Verwaltung zu einer entsprechenden Prüfung und Aufbereitung.', statusStart: 'Die Verwaltung informierte den Ausschuss letztmalig in der Sitzung vom 11.11.2019.', status: 'IN_PROGRESS', kind: 'REVIEW' },
    { key: 'besichtigungKrzn', date: '12.11.2018', top: '3', topName: 'Beitrittsvereinbarung KRZN', paper: '10/045/2018', textStart: 'Zudem würde es die CDU-Fraktion begrüßen', statusStart: 'Die Sitzung am 11.11.2019 fand im Niederrheinsaal in Kamp-Lintfort statt.', status: 'DONE', kind: 'WORK' },
    { key: 'beitrittStaedteKrzn', date: '13.08.2020', top: '6', topName: 'Rahmenbedingungen einer Mitgliedschaft Kreis / kreisangehörige Städte zum KRZN', paper: '20/021/2020', textStart: 'Der Kreistag macht sich die dargestellten Vorteile von städtischen Beitritten zum Kommunalen Rechenzentrum Niederrhein (KRZN) zu eigen', statusStart: 'Die Haaner Bürgermeisterin und die anderen Bürgermeister der kreisangehörigen Städte haben ein Schreiben des Landrats erhalten', status: 'DONE', kind: 'RESOLUTION' },
  ];

  it('has one assignment per row, all tracked by the Ausschuss für Informationstechnik und digitale Verwaltung', async () => {
    const all = await prisma.assignment.findMany();
    expect(all).toHaveLength(rows.length);
    expect(all.every((a) => a.organizationId === ids.committeeBefore)).toBe(true);
  });

  for (const row of rows) {
    it(`row ${row.date} TOP ${row.top} (${row.key}): text, status, kind, meeting, agenda item, paper, status report`, async () => {
      const a = await prisma.assignment.findUniqueOrThrow({
        where: { id: seedIds.assignment[row.key] },
        include: { meeting: true, agendaItem: true, paper: true, statusReports: true },
      });
      expect(a.text.startsWith(row.textStart)).toBe(true);
      expect(a.status).toBe(row.status);
      expect(a.kind).toBe(row.kind);
      expect(berlinDate(a.meeting?.start)).toBe(row.date);
      expect(a.agendaItem?.number).toBe(row.top);
      expect(a.agendaItem?.name).toBe(row.topName);
      expect(a.agendaItem?.meetingId).toBe(a.meetingId);
      if (row.paper) expect(a.paper?.reference).toBe(row.paper);
      expect(a.statusReports).toHaveLength(1);
      const report = at(a.statusReports, 0);
      expect(report.date.toISOString().slice(0, 10)).toBe('2020-12-31');
      expect(report.status).toBe(row.status);
      expect(report.text.startsWith(row.statusStart)).toBe(true);
      // No hyphenation left over from line breaks
      expect(a.text + report.text).not.toMatch(/[a-zäöüß]- [a-zäöüß]/);
    });
  }

  it('rejoins words hyphenated by line breaks and keeps real hyphens', async () => {
    const gute = await prisma.assignment.findUniqueOrThrow({ where: { id: seedIds.assignment.guteSchule2020 }, include: { statusReports: true } });
    expect(gute.note).toBe('hier: fortlaufende Berichterstattung');
    expect(gute.text).toContain('die für 2018-2020 vorgesehenen Maßnahmen umzusetzen.');
    expect(gute.text).toContain('„Der Kreistag stimmt der vorgestellten Rahmenkonzeption „Gute Schule 2020“ sowie dem Breitbandkonzept zu.');
    const status = at(gute.statusReports, 0).text;
    expect(status).toContain('Ein Bericht zum Fördermittelkonzept Gute Schule / Digitalpakt');
    expect(status).toContain('in der Vorlage 20/022/2020 „Digitalisierung der Schulen“ fortgeschrieben (Sitzung vom 13.08.2020)');
    expect(status).toContain('(WLAN-Ausbau, Einsatz von Multifunktionstouchdisplays)');
    const it2 = await prisma.statusReport.findUniqueOrThrow({ where: { id: seedIds.statusReport2020.itSicherheit } });
    expect(it2.text).toContain('Masterplan E-Government in der zweiten Sitzung 2019');
    expect(it2.text).toContain('Herr Kosch');
  });

  it('models the Kreistag meeting of 2017 and the joint meeting with the KA', async () => {
    const kt = await prisma.meeting.findUniqueOrThrow({ where: { id: seedIds.meeting.kt20171019 }, include: { organizations: true } });
    expect(kt.organizations.map((o) => o.organizationId)).toEqual([ids.kreistag]);
    const joint = await prisma.meeting.findUniqueOrThrow({ where: { id: seedIds.meeting.joint20181112 }, include: { organizations: true } });
    expect(joint.organizations.map((o) => o.organizationId).sort()).toEqual([ids.committeeBefore, ids.kreisausschuss].sort());
    const regular = await prisma.meeting.findUniqueOrThrow({ where: { id: seedIds.meeting.it20181112 }, include: { organizations: true } });
    expect(regular.organizations.map((o) => o.organizationId)).toEqual([ids.committeeBefore]);
    expect(regular.id).not.toBe(joint.id);
    const besichtigung = await prisma.assignment.findUniqueOrThrow({ where: { id: seedIds.assignment.besichtigungKrzn } });
    expect(besichtigung.meetingId).toBe(joint.id);
    expect(besichtigung.note).toBe('gemeinsame Sitzung mit dem KA');
  });

  it('creates the meetings and papers named only in status texts', async () => {
    for (const [key, date] of [['it20190523', '23.05.2019'], ['it20191111', '11.11.2019'], ['it20200813', '13.08.2020']] as const) {
      const m = await prisma.meeting.findUniqueOrThrow({ where: { id: seedIds.meeting[key] }, include: { organizations: true } });
      expect(berlinDate(m.start)).toBe(date);
      expect(m.organizations.map((o) => o.organizationId)).toEqual([ids.committeeBefore]);
    }
    const kampLintfort = await prisma.meeting.findUniqueOrThrow({ where: { id: seedIds.meeting.it20191111 }, include: { location: true } });
    expect(kampLintfort.location?.locality).toBe('Kamp-Lintfort');
    const schulen = await prisma.paper.findFirstOrThrow({ where: { reference: '20/022/2020' }, include: { consultations: true } });
    expect(schulen.name).toBe('Digitalisierung der Schulen');
    expect(schulen.consultations.map((c) => c.meetingId)).toEqual([seedIds.meeting.it20200813]);
    const bericht = await prisma.paper.findFirstOrThrow({ where: { reference: '10/018/2019' }, include: { consultations: true } });
    expect(bericht.name).toBe('Digitalisierungsbericht');
    expect(bericht.consultations.map((c) => c.meetingId)).toEqual([seedIds.meeting.it20190523]);
    const references = (await prisma.paper.findMany({ where: { reference: { not: null } } })).map((p) => p.reference).sort();
    expect(references).toEqual(
      ['10/018/2019', '10/045/2018', '12/006/2024', '12/007/2024', '16/010/2018', '16/015/2018', '20/021/2020', '20/022/2020', '20/022/2024', '40/029/2017'],
    );
  });

  it('has the FDP papers of 12.11.2018 as Antrag and Anfrage of the FDP-Fraktion', async () => {
    const fdp = await prisma.paper.findMany({
      where: { originatorOrganizations: { some: { organizationId: ids.fraktion.fdp } } },
      orderBy: { paperType: 'asc' },
    });
    expect(fdp.map((p) => p.paperType)).toEqual(['Anfrage', 'Antrag']);
    const antrag = await prisma.assignment.findUniqueOrThrow({ where: { id: seedIds.assignment.digitalisierungsbericht }, include: { paper: true } });
    expect(antrag.paper?.name).toContain('Digitalisierungsbericht');
    const anfrage = await prisma.assignment.findUniqueOrThrow({ where: { id: seedIds.assignment.leichteSprache }, include: { paper: true } });
    expect(anfrage.paper?.name).toContain('Leichte Sprache');
  });
});
