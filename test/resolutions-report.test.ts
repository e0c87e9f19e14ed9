// The 2020 report "Offene Beschlüsse, Prüf- und Arbeitsaufträge" rebuilt from the seed data and
// compared row by row with the printed report (shared/seeds/004_…txt); status reports
// appended through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { htmlText, normalize, pdfText, unbalancedTags } from './support/documents.js';
import { localUrl } from './support/files.js';
import { at } from './support/indexing.js';

const before = globalIdOf('Organization', seedIds.committeeBefore);
const renamed = globalIdOf('Organization', seedIds.committee);

/**
 * The printed rows, words broken by line breaks rejoined. Rows 3 and 4 come from the same agenda
 * item and moment and have no recorded order: the API orders them by wording, so they are
 * swapped against the print.
 */
const SEED_ROWS = [
  ['19.10.2017', '15', '40/029/2017', 'Der Kreistag hat am 19.10.2017 den Beschluss gefasst:', 'Die Verwaltung wird dem Ausschuss für Informationstechnik und digitale Verwaltung im Jahr 2019 weiter laufend berichten.', 'IN_PROGRESS'],
  ['04.06.2018', '3', null, 'Herr Kreisdirektor Richter berichtet von den Überlegungen der Stadt Dortmund', 'Auf Grund des zwischenzeitlichen Beitritts des Kreises zum KRZN ist der Einsatz von Open-Source-Software beim Kreis Mettmann obsolet.', 'NOT_FEASIBLE'],
  ['04.06.2018', '5', '16/010/2018', 'Frau KA Küchler erkundigt sich nach den Sicherheitsrisiken', 'Das Thema ist noch in Bearbeitung.', 'IN_PROGRESS'],
  ['04.06.2018', '5', '16/010/2018', 'Frau KA Prüßmeier erfragt den aktuellen Sachstand des Projektes „Digitale Ausländerakte“.', 'Es werden noch aktuelle Entwicklungen / Standardisierungen zum Thema aus dem Competence Center Digitalisierung (CCD) bei IT-NRW abgewartet.', 'IN_PROGRESS'],
  ['12.11.2018', '7', '16/015/2018', 'Herr Müller erläutert, dass der Kreis Mettmann künftig aufgrund seines Ausscheidens aus dem KDN', 'Eine mögliche Übernahme des Rechenzentrumsbetriebes von AKDN-sozial durch das KRZN ist noch in der Abstimmung.', 'IN_PROGRESS'],
  ['12.11.2018', '8', null, 'Auf den Antrag der FDP-Fraktion verpflichtet sich die Verwaltung', 'Die Verwaltung stellt dem Ausschuss für Informationstechnik und digitale Verwaltung jeweils in der zweiten Sitzung einen Sachstandsbericht zur Digitalisierung zur Verfügung.', 'IN_PROGRESS'],
  ['12.11.2018', '8', null, 'Auf die Anfrage der FDP-Fraktion verpflichtet sich die Verwaltung zu einer entsprechenden Prüfung und Aufbereitung.', 'Die Verwaltung informierte den Ausschuss letztmalig in der Sitzung vom 11.11.2019.', 'IN_PROGRESS'],
  ['12.11.2018', '3', '10/045/2018', 'Zudem würde es die CDU-Fraktion begrüßen', 'Die Sitzung am 11.11.2019 fand im Niederrheinsaal in Kamp-Lintfort statt.', 'DONE'],
  ['13.08.2020', '6', '20/021/2020', 'Der Kreistag macht sich die dargestellten Vorteile von städtischen Beitritten', 'Die Haaner Bürgermeisterin und die anderen Bürgermeister der kreisangehörigen Städte haben ein Schreiben des Landrats erhalten', 'DONE'],
] as const;

const REPORT = `query($organizationId: ID!, $from: Date!, $to: Date!, $status: [AssignmentStatus!], $format: DocumentFormat!) {
  resolutionsReport(organizationId: $organizationId, from: $from, to: $to, status: $status) {
    from to organization { name }
    rows { meetingDate agendaItemNumber paperReference text status statusReport { date text status } assignment { id } }
    document(format: $format) { content downloadUrl mediaType }
  }
}`;

interface Row {
  meetingDate: string;
  agendaItemNumber: string;
  paperReference: string | null;
  text: string;
  status: string;
  statusReport: { date: string; text: string; status: string } | null;
  assignment: { id: string };
}

let server: TestServer;
let clerk: string;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await tokenFor(['clerk']);
});
afterAll(() => server?.stop());

async function report(variables: Record<string, unknown>, token?: string) {
  const response = await server.graphql(REPORT, { organizationId: before, from: '2020-01-01', to: '2020-12-31', format: 'MARKDOWN', ...variables }, token);
  expect(response.errors).toBeUndefined();
  return response.data.resolutionsReport as { rows: Row[]; organization: { name: string }; document: { content: string | null; downloadUrl: string | null; mediaType: string } };
}

const berlinDate = (iso: string) =>
  new Date(iso).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });

describe('the 2020 report', () => {
  it('has the rows of the printed report, in its order', async () => {
    const { rows } = await report({});
    expect(rows.map((row) => [berlinDate(row.meetingDate), row.agendaItemNumber, row.paperReference, row.status])).toEqual(
      SEED_ROWS.map(([date, top, reference, , , status]) => [date, top, reference, status]),
    );
    rows.forEach((row, i) => {
      expect(row.text.startsWith(at(SEED_ROWS, i)[3])).toBe(true);
      expect(row.statusReport?.text.startsWith(at(SEED_ROWS, i)[4])).toBe(true);
      expect(row.statusReport?.date).toBe('2020-12-31');
    });
  });

  it('is the same for the committee under its new name', async () => {
    const [old, renamedRows] = [await report({}), await report({ organizationId: renamed })];
    expect(renamedRows.rows.map((row) => row.assignment.id)).toEqual(old.rows.map((row) => row.assignment.id));
  });

  it('renders as the printed table, with a legend that survives copy and paste', async () => {
    const markdown = (await report({})).document.content!;
    expect(markdown).toContain('# Offene Beschlüsse, Prüf- und Arbeitsaufträge des Ausschusses für Informationstechnik und digitale Verwaltung');
    expect(markdown).toContain('Berichtszeitraum 01.01. bis 31.12.2020');
    expect(markdown).toContain('| Datum der Sitzung | TOP / Betreff | Beschluss / Auftrag | Stand der Ausführung mit kurzer Begründung | Status |');
    expect(markdown).toContain('Legende: ✖ nicht umsetzbar   ◐ noch in Bearbeitung/Daueraufgabe   ✔ erledigt');
    const tableRows = markdown.split('\n').filter((line) => /^\| \d\d\.\d\d\.\d{4}/.test(line));
    expect(tableRows.map((line) => line.slice(2, 12))).toEqual(SEED_ROWS.map(([date]) => date));
    expect(tableRows[0]).toContain('TOP 15: Gute Schule 2020<br>Vorlage Nr. 40/029/2017');
    expect(tableRows[0]).toMatch(/\| ◐ noch in Bearbeitung\/Daueraufgabe \|$/);
    expect(tableRows[7]).toContain('12.11.2018<br>gemeinsame Sitzung mit dem KA');
    expect(tableRows[7]).toMatch(/\| ✔ erledigt \|$/);
  });

  it('renders as accessible HTML and as PDF', async () => {
    const html = (await report({ format: 'HTML' })).document.content!;
    expect(html).toMatch(/<html lang="de">/);
    expect(html).toContain('<th scope="col">Stand der Ausführung mit kurzer Begründung</th>');
    expect(html).toContain('<caption>');
    expect(unbalancedTags(html)).toEqual([]);
    expect(normalize(htmlText(html))).toContain('✖ nicht umsetzbar');
    const { downloadUrl } = (await report({ format: 'PDF' })).document;
    const response = await fetch(localUrl(server, downloadUrl!));
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(response);
    expect(normalize(text)).toContain('Berichtszeitraum 01.01. bis 31.12.2020');
    expect(normalize(text)).toContain('nicht umsetzbar');
    // The status symbols and German quotes are printed, not dropped (an embedded Unicode font).
    expect(normalize(text)).toMatch(/✖ nicht umsetzbar.*◐ noch in Bearbeitung.*✔ erledigt/);
    expect(normalize(text)).toContain('„Digitale Ausländerakte“');
  });

  it('filters by status', async () => {
    const { rows } = await report({ status: ['DONE'] });
    expect(rows.map((row) => row.agendaItemNumber)).toEqual(['3', '6']);
  });
});

describe('status reports', () => {
  const linux = globalIdOf('Assignment', seedIds.assignment.linuxDortmund);
  const APPEND = `mutation($id: ID!, $status: AssignmentStatus!, $text: String!, $date: Date!) {
    reportAssignmentStatus(assignmentId: $id, status: $status, text: $text, date: $date) { status statusReports { date status text } }
  }`;

  it('are appended by clerks; the assignment takes the newest status; older periods keep theirs', async () => {
    const appended = await server.graphql(APPEND, { id: linux, status: 'DONE', text: 'Der Prüfauftrag ist abgeschlossen.', date: '2021-06-30' }, clerk);
    expect(appended.errors).toBeUndefined();
    expect(appended.data.reportAssignmentStatus.status).toBe('DONE');
    expect(appended.data.reportAssignmentStatus.statusReports.map((r: { date: string }) => r.date)).toEqual(['2020-12-31', '2021-06-30']);
    // A late entry for an earlier date goes into the history without changing the status.
    const late = await server.graphql(APPEND, { id: linux, status: 'IN_PROGRESS', text: 'Nachtrag für 2019.', date: '2019-12-31' }, clerk);
    expect(late.data.reportAssignmentStatus.status).toBe('DONE');
    expect(late.data.reportAssignmentStatus.statusReports).toHaveLength(3);

    const in2020 = (await report({})).rows.find((row) => row.assignment.id === linux)!;
    expect([in2020.status, in2020.statusReport?.text]).toEqual(['NOT_FEASIBLE', SEED_ROWS[1][4]]);
    const in2021 = (await report({ from: '2021-01-01', to: '2021-12-31' })).rows;
    expect(in2021.map((row) => [row.assignment.id, row.status, row.statusReport?.text])).toEqual([[linux, 'DONE', 'Der Prüfauftrag ist abgeschlossen.']]);

    const done = await server.graphql(`query($org: ID!) { assignments(organizationId: $org, status: [DONE]) { edges { node { id } } } }`, { org: renamed });
    expect(done.data.assignments.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(linux);
  });

  it('are refused to everyone but clerks, and checked', async () => {
    const variables = { id: linux, status: 'DONE', text: 'x', date: '2021-01-01' };
    expect((await server.graphql(APPEND, variables)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.graphql(APPEND, variables, await tokenFor(['member'], seedIds.person.weiss))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.graphql(APPEND, { ...variables, text: '  ' }, clerk)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = globalIdOf('Assignment', '00000000-0000-4000-8000-000000000000');
    expect((await server.graphql(APPEND, { ...variables, id: unknown }, clerk)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a committee renamed again and again', () => {
  it('keeps every predecessor’s assignments, found in the same number of SQL statements', async () => {
    const ASSIGNMENTS = `query($org: ID!) { assignments(organizationId: $org) { totalCount edges { node { id } } } }`;
    const once = await server.graphql(ASSIGNMENTS, { org: renamed });
    expect(once.errors).toBeUndefined();
    let latest = renamed;
    for (const name of ['Ausschuss für Digitalisierung und Innovation', 'Ausschuss für Digitalisierung, Innovation und Verwaltungsmodernisierung']) {
      const created = await server.graphql(`mutation($name: String!, $predecessorId: ID!) { createOrganization(name: $name, predecessorId: $predecessorId) { id } }`, { name, predecessorId: latest }, clerk);
      expect(created.errors).toBeUndefined();
      latest = created.data.createOrganization.id;
    }
    const thrice = await server.graphql(ASSIGNMENTS, { org: latest });
    expect(thrice.data.assignments).toEqual(once.data.assignments);
    expect(once.data.assignments.totalCount).toBe(9);
    expect(thrice.extensions!.sqlStatements).toBe(once.extensions!.sqlStatements);
  });
});
