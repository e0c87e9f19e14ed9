// The seed data set: the facts of two documents, as plain data typed by the Prisma create inputs.
//   [N] /work/shared/seeds/000_8853aff8ef411433.txt — Niederschrift of the Ausschuss für
//       Digitalisierung, meeting of 21.11.2024 (signed Mettmann, 29.11.2024).
//   [R] /work/shared/seeds/004_bb3a95b50128afac.txt — "Offene Beschlüsse, Prüf- und Arbeitsaufträge
//       des Ausschusses für Informationstechnik und digitale Verwaltung", Berichtszeitraum
//       01.01. bis 31.12.2020.
// Rule: nothing invented. What the documents do not say stays null (or the schema default where a
// column is NOT NULL); every decision on an ambiguous passage carries a comment "Ambiguity: …".
// Times are Europe/Berlin local times stored as instants (UTC+1 in November, UTC+2 in summer).
import type { Prisma } from '../generated/prisma/client.js';
import { seedIds, seedUuid, type PersonKey } from './ids.js';

const B = seedIds.body;
const P = seedIds.person;
const AI = seedIds.agendaItem;
const M = seedIds.meeting;
const RA = seedIds.reportAgendaItem;
const PA = seedIds.paper;
const A = seedIds.assignment;

/** A calendar day for a @db.Date column (UTC midnight, which Prisma stores as that date). */
const day = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`);
/** Paragraphs of a protocol text, separated by a blank line. */
const paragraphs = (...lines: string[]): string => lines.join('\n\n');

// Meetings known from [R] only by their date: the schema has no date-only field for a meeting, so
// `start` holds local midnight of that day as a stand-in for "this date, time unknown" (the real
// start time is not known). Ambiguity/schema gap, see the final report.
const dateOnly = (isoDate: string, offset: '+01:00' | '+02:00'): Date => new Date(`${isoDate}T00:00:00${offset}`);

// ---------------------------------------------------------------------------------------------
// Body
// ---------------------------------------------------------------------------------------------

export const body: Prisma.BodyCreateManyInput = {
  id: B,
  name: 'Kreis Mettmann',
  // [N] letterhead "Kreis Mettmann": the body is a Kreis (district).
  classification: 'Kreis',
};

// ---------------------------------------------------------------------------------------------
// Organizations (ordered so that every referenced organization comes first)
// ---------------------------------------------------------------------------------------------

// statutorySeats: neither document states the statutory number of seats of any body, so it stays
// null everywhere; the quorum code derives the seats from memberships with voting right.
export const organizations: Prisma.OrganizationCreateManyInput[] = [
  { id: seedIds.kreistag, bodyId: B, name: 'Kreistag', organizationType: 'Gremium' },
  {
    id: seedIds.kreisausschuss,
    bodyId: B,
    name: 'Kreisausschuss',
    shortName: 'KA',
    organizationType: 'Gremium',
    // Ambiguity: the Kreisausschuss is an organ of the Kreis of its own (KrO NRW §8), not a
    // committee formed under the Kreistag, so subOrganizationOf stays null.
  },
  {
    id: seedIds.committeeBefore,
    bodyId: B,
    name: 'Ausschuss für Informationstechnik und digitale Verwaltung',
    organizationType: 'Gremium',
    subOrganizationOfId: seedIds.kreistag,
  },
  {
    id: seedIds.committee,
    bodyId: B,
    name: 'Ausschuss für Digitalisierung',
    organizationType: 'Gremium',
    subOrganizationOfId: seedIds.kreistag,
    // The same committee under a new name (new legislative term): the renamed one points back.
    predecessorId: seedIds.committeeBefore,
  },
  { id: seedIds.kreisverwaltung, bodyId: B, name: 'Kreisverwaltung Mettmann', organizationType: 'Verwaltungsbereich' },
  {
    id: seedIds.krzn,
    bodyId: B,
    name: 'Kommunales Rechenzentrum Niederrhein',
    shortName: 'KRZN',
    // External institution (the municipal IT provider the Kreis joined).
    organizationType: 'sonstiges',
  },
  // Party groups named in the texts. A Fraktion is by definition a group in the Kreistag
  // (KrO NRW §40), hence subOrganizationOf = Kreistag.
  {
    id: seedIds.fraktion.gruene,
    bodyId: B,
    name: 'Fraktion BÜNDNIS 90/DIE GRÜNEN',
    organizationType: 'Fraktion',
    subOrganizationOfId: seedIds.kreistag,
  },
  { id: seedIds.fraktion.fdp, bodyId: B, name: 'FDP-Fraktion', organizationType: 'Fraktion', subOrganizationOfId: seedIds.kreistag },
  { id: seedIds.fraktion.cdu, bodyId: B, name: 'CDU-Fraktion', organizationType: 'Fraktion', subOrganizationOfId: seedIds.kreistag },
];

// ---------------------------------------------------------------------------------------------
// Persons
// ---------------------------------------------------------------------------------------------
// `name` is the display name as printed. Where only "Herr/Frau X" is printed, name = family name
// and the form of address goes to formOfAddress (no "Herr Herr X" when both are shown).
// formOfAddress only where the text says "Herr"/"Frau"; gender is left null (not stated as such).

type PersonFields = Omit<Prisma.PersonCreateManyInput, 'id' | 'bodyId'>;
function person(key: PersonKey, fields: PersonFields): Prisma.PersonCreateManyInput {
  return { id: P[key], bodyId: B, title: [], phone: [], email: [], ...fields };
}

export const persons: Prisma.PersonCreateManyInput[] = [
  // [N] Vorsitz
  person('weiss', { name: 'Dietmar Weiß', givenName: 'Dietmar', familyName: 'Weiß', formOfAddress: 'Herr' }),
  // [N] Mitglieder
  person('boesel', { name: 'Markus Bösel', givenName: 'Markus', familyName: 'Bösel' }),
  // Ambiguity: "Souhaila El Ghanou" — "El Ghanou" taken as the (two-word) family name.
  person('elghanou', { name: 'Souhaila El Ghanou', givenName: 'Souhaila', familyName: 'El Ghanou' }),
  person('freitag', { name: 'Felix Freitag', givenName: 'Felix', familyName: 'Freitag' }),
  person('gartmann', { name: 'Christian Gartmann', givenName: 'Christian', familyName: 'Gartmann' }),
  person('guenther', { name: 'Dr. Tina Guenther', givenName: 'Tina', familyName: 'Guenther', title: ['Dr.'] }),
  person('hoffmann', { name: 'Thomas Hoffmann', givenName: 'Thomas', familyName: 'Hoffmann' }),
  person('lang', { name: 'Roman Lang', givenName: 'Roman', familyName: 'Lang' }),
  person('rohden', { name: 'Helmut Rohden', givenName: 'Helmut', familyName: 'Rohden', formOfAddress: 'Herr' }),
  person('soehnchen', { name: 'Paul Söhnchen', givenName: 'Paul', familyName: 'Söhnchen', formOfAddress: 'Herr' }),
  person('viehoever', { name: 'Dietmar Viehöver', givenName: 'Dietmar', familyName: 'Viehöver', formOfAddress: 'Herr' }),
  person('weber', { name: 'Erhard Weber', givenName: 'Erhard', familyName: 'Weber' }),
  person('zieger', { name: 'Solveigh Zieger', givenName: 'Solveigh', familyName: 'Zieger' }),
  // [N] named in the text of TOP 1 only (excused members and their substitutes)
  person('niemeyer', { name: 'Niemeyer', familyName: 'Niemeyer', formOfAddress: 'Herr' }),
  person('duechting', { name: 'Düchting', familyName: 'Düchting', formOfAddress: 'Herr' }),
  person('buchholz', { name: 'Buchholz', familyName: 'Buchholz', formOfAddress: 'Herr' }),
  person('burghaus', { name: 'Burghaus', familyName: 'Burghaus', formOfAddress: 'Herr' }),
  // [N] Verwaltung
  person('becker', { name: 'Heike Becker', givenName: 'Heike', familyName: 'Becker', formOfAddress: 'Frau' }),
  person('buettner', { name: 'Anja Büttner', givenName: 'Anja', familyName: 'Büttner', formOfAddress: 'Frau' }),
  person('gilbert', { name: 'Philipp Gilbert', givenName: 'Philipp', familyName: 'Gilbert', formOfAddress: 'Herr' }),
  person('herz', { name: 'Peter Herz', givenName: 'Peter', familyName: 'Herz', formOfAddress: 'Herr' }),
  person('pietrowski', { name: 'Michael Pietrowski', givenName: 'Michael', familyName: 'Pietrowski' }),
  person('schoelzel', { name: 'Christian Schölzel', givenName: 'Christian', familyName: 'Schölzel', formOfAddress: 'Herr' }),
  // [N] letterhead "Es informiert Sie: Mirko Schumacher", Telefon, E-Mail (the Fax line is empty).
  person('schumacher', {
    name: 'Mirko Schumacher',
    givenName: 'Mirko',
    familyName: 'Schumacher',
    phone: ['02104 99 1345'],
    email: ['mirko.schumacher@kreis-mettmann.de'],
  }),
  // [N] guests "Herrn Fischer und Herrn Lemm vom KRZN" (the printed list of guests is empty)
  person('fischer', { name: 'Fischer', familyName: 'Fischer', formOfAddress: 'Herr' }),
  person('lemm', { name: 'Lemm', familyName: 'Lemm', formOfAddress: 'Herr' }),
  // [R] persons named in the report
  person('richter', { name: 'Richter', familyName: 'Richter', formOfAddress: 'Herr' }), // "Herr Kreisdirektor Richter"
  person('mueller', { name: 'Müller', familyName: 'Müller', formOfAddress: 'Herr' }), // "Herr Müller" (no role given)
  person('hendele', { name: 'Hendele', familyName: 'Hendele' }), // "Landrat Hendele" (no Herr/Frau printed)
  person('pruessmeier', { name: 'Prüßmeier', familyName: 'Prüßmeier', formOfAddress: 'Frau' }), // "Frau KA Prüßmeier"
  person('kuechler', { name: 'Küchler', familyName: 'Küchler', formOfAddress: 'Frau' }), // "Frau KA Küchler"
  person('kosch', { name: 'Kosch', familyName: 'Kosch', formOfAddress: 'Herr' }), // "der IT-SiBe des Kreises, Herr Kosch"
];

// ---------------------------------------------------------------------------------------------
// Memberships
// ---------------------------------------------------------------------------------------------
// Start/end dates are stated nowhere: null. onBehalfOf (Fraktion) is stated for no one: null.

type MembershipFields = Omit<Prisma.MembershipCreateManyInput, 'id' | 'personId' | 'organizationId'>;
function membership(orgKey: string, organizationId: string, key: PersonKey, fields: MembershipFields): Prisma.MembershipCreateManyInput {
  return { id: seedUuid(`membership:${orgKey}:${key}`), personId: P[key], organizationId, ...fields };
}
const committeeMember = (key: PersonKey, role: string) =>
  membership('ausschuss-digitalisierung', seedIds.committee, key, { role, votingRight: true });
const kreistagMember = (key: PersonKey) =>
  membership('kreistag', seedIds.kreistag, key, { role: 'Kreistagsabgeordnete(r)', votingRight: true });
const administration = (key: PersonKey, role: string) =>
  membership('kreisverwaltung', seedIds.kreisverwaltung, key, { role, votingRight: false });

export const memberships: Prisma.MembershipCreateManyInput[] = [
  // Ausschuss für Digitalisierung [N]: chair, the printed members, and the two members excused in
  // the text (Niemeyer, Buchholz) — together the 15 regular seats visible in the minutes.
  committeeMember('weiss', 'Vorsitz'),
  committeeMember('boesel', 'Mitglied'),
  committeeMember('elghanou', 'Mitglied'),
  committeeMember('freitag', 'Mitglied'),
  committeeMember('gartmann', 'Mitglied'),
  committeeMember('guenther', 'Mitglied'),
  committeeMember('hoffmann', 'Mitglied'),
  committeeMember('lang', 'Mitglied'),
  committeeMember('rohden', 'Mitglied'),
  // "Herr SB Söhnchen": listed among the Mitglieder; a sachkundiger Bürger with a vote in the committee.
  committeeMember('soehnchen', 'Sachkundiger Bürger'),
  committeeMember('viehoever', 'Mitglied'),
  committeeMember('weber', 'Mitglied'),
  committeeMember('zieger', 'Mitglied'),
  committeeMember('niemeyer', 'Mitglied'), // "den entschuldigten Herrn KA Niemeyer" (has a Vertreter: a member)
  committeeMember('buchholz', 'Mitglied'), // "Herr KA Buchholz sowie sein Vertreter"
  // Deputies: "Als Vertreter für … Niemeyer … Düchting", "sein Vertreter, Herr KA Burghaus".
  // votingRight true as briefed (they vote when they take an absent member's seat).
  // NOTE for the quorum code: these two are deputies, not seats; count seats without role "Vertretung".
  committeeMember('duechting', 'Vertretung'),
  committeeMember('burghaus', 'Vertretung'),

  // Kreistag: every person printed with "KA" ([N] and [R]).
  kreistagMember('weiss'),
  kreistagMember('rohden'),
  kreistagMember('viehoever'),
  kreistagMember('niemeyer'),
  kreistagMember('duechting'),
  kreistagMember('buchholz'),
  kreistagMember('burghaus'),
  kreistagMember('pruessmeier'), // [R] 04.06.2018 (KA then; whether still today is not stated)
  kreistagMember('kuechler'), // [R] 04.06.2018

  // Administration: only the roles the texts state; staff do not vote.
  administration('gilbert', 'Kreisdirektor'), // [N] "Herr Kreisdirektor Gilbert"
  administration('richter', 'Kreisdirektor'), // [R] "Herr Kreisdirektor Richter" (2018)
  // Ambiguity: "Landrat Hendele" — the Landrat heads the administration; recorded there.
  administration('hendele', 'Landrat'),
  // [R] "der IT-SiBe des Kreises, Herr Kosch, auch nach Übergang zum KRZN weiterhin als IT-SiBe für
  // den Kreis beliehen … Abgang des Herrn Kosch vom KRZN im Februar 2020". The end dates are known
  // to the month only (a @db.Date needs a day), so they stay null; see the final report.
  administration('kosch', 'IT-Sicherheitsbeauftragter (IT-SiBe)'),
  membership('krzn', seedIds.krzn, 'kosch', { role: 'IT-Sicherheitsbeauftragter (IT-SiBe) für den Kreis Mettmann', votingRight: false }),
];

// ---------------------------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------------------------

export const locations: Prisma.LocationCreateManyInput[] = [
  {
    id: seedIds.location.kreishaus,
    bodyId: B,
    description: 'Kreishaus Mettmann',
    streetAddress: 'Düsseldorfer Straße 26',
    postalCode: '40822',
    locality: 'Mettmann',
    // Ambiguity: kept as printed, including the word "Raum".
    room: 'Raum 1.601 (großer Sitzungssaal)',
  },
  {
    // [R] "Die Sitzung am 11.11.2019 fand im Niederrheinsaal in Kamp-Lintfort statt."
    id: seedIds.location.niederrheinsaal,
    bodyId: B,
    description: 'Niederrheinsaal in Kamp-Lintfort',
    room: 'Niederrheinsaal',
    locality: 'Kamp-Lintfort',
  },
];

// ---------------------------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------------------------

const COMMITTEE_MEETING = 'Sitzung des Ausschusses für Digitalisierung';
const COMMITTEE_BEFORE_MEETING = 'Sitzung des Ausschusses für Informationstechnik und digitale Verwaltung';

export const meetings: Prisma.MeetingCreateManyInput[] = [
  {
    // [N] "Sitzungstermin Donnerstag, den 21.11.2024, 16:35 Uhr"; "Um 16:32 Uhr eröffnet";
    // "Ende der Sitzung: 17:56 Uhr"; "Mettmann, den 29.11.2024". Scheduled end: not stated.
    id: seedIds.meeting2024,
    bodyId: B,
    name: COMMITTEE_MEETING,
    meetingState: 'FINISHED',
    start: new Date('2024-11-21T16:35:00+01:00'),
    openedAt: new Date('2024-11-21T16:32:00+01:00'),
    closedAt: new Date('2024-11-21T17:56:00+01:00'),
    locationId: seedIds.location.kreishaus,
    minuteTakerId: P.schumacher,
    minutesSignedPlace: 'Mettmann',
    minutesSignedDate: day('2024-11-29'),
  },
  {
    // [N] TOP 2: the minutes of 09.09.2024 were approved (so the meeting took place). Also "die
    // Septembersitzung" of TOP 3. Nothing else is known: time, place, attendance stay empty.
    id: M.digi20240909,
    bodyId: B,
    name: COMMITTEE_MEETING,
    meetingState: 'FINISHED',
    start: dateOnly('2024-09-09', '+02:00'),
  },
  {
    // [R] "KT 19.10.2017": a Kreistag meeting ("Der Kreistag hat am 19.10.2017 den Beschluss gefasst").
    id: M.kt20171019,
    bodyId: B,
    name: 'Sitzung des Kreistages',
    meetingState: 'FINISHED',
    start: dateOnly('2017-10-19', '+02:00'),
  },
  { id: M.it20180604, bodyId: B, name: COMMITTEE_BEFORE_MEETING, meetingState: 'FINISHED', start: dateOnly('2018-06-04', '+02:00') },
  // [R] 12.11.2018 appears twice: the regular committee meeting (TOP 7, TOP 8) and, separately,
  // a "gemeinsame Sitzung mit dem KA" (TOP 3) — two meetings; the joint one has two organizations.
  { id: M.it20181112, bodyId: B, name: COMMITTEE_BEFORE_MEETING, meetingState: 'FINISHED', start: dateOnly('2018-11-12', '+01:00') },
  {
    id: M.joint20181112,
    bodyId: B,
    name: 'Gemeinsame Sitzung des Ausschusses für Informationstechnik und digitale Verwaltung und des Kreisausschusses',
    meetingState: 'FINISHED',
    start: dateOnly('2018-11-12', '+01:00'),
  },
  // [R] status texts: "Die Stabstelle Digitalisierung hat in der Sitzung am 23.05.2019 den
  // Digitalisierungsbericht zur Kenntnis gegeben" — in a report of this committee, taken as a
  // meeting of the committee (Ambiguity: the text does not name the body explicitly).
  { id: M.it20190523, bodyId: B, name: COMMITTEE_BEFORE_MEETING, meetingState: 'FINISHED', start: dateOnly('2019-05-23', '+02:00') },
  {
    // [R] "Die Verwaltung informierte den Ausschuss letztmalig in der Sitzung vom 11.11.2019";
    // "Die Sitzung am 11.11.2019 fand im Niederrheinsaal in Kamp-Lintfort statt."
    id: M.it20191111,
    bodyId: B,
    name: COMMITTEE_BEFORE_MEETING,
    meetingState: 'FINISHED',
    start: dateOnly('2019-11-11', '+01:00'),
    locationId: seedIds.location.niederrheinsaal,
  },
  // [R] 13.08.2020 TOP 6 and "(Sitzung vom 13.08.2020)". Ambiguity: the decision text begins "Der
  // Kreistag macht sich … zu eigen", but the date column carries no "KT" (unlike the 2017 row) and
  // the status text calls it a "Sitzung" in this committee's report: taken as a committee meeting
  // (the wording is the resolution recommended to the Kreistag).
  { id: M.it20200813, bodyId: B, name: COMMITTEE_BEFORE_MEETING, meetingState: 'FINISHED', start: dateOnly('2020-08-13', '+02:00') },
];

export const meetingOrganizations: Prisma.MeetingOrganizationCreateManyInput[] = [
  { meetingId: seedIds.meeting2024, organizationId: seedIds.committee },
  { meetingId: M.digi20240909, organizationId: seedIds.committee },
  { meetingId: M.kt20171019, organizationId: seedIds.kreistag },
  { meetingId: M.it20180604, organizationId: seedIds.committeeBefore },
  { meetingId: M.it20181112, organizationId: seedIds.committeeBefore },
  { meetingId: M.joint20181112, organizationId: seedIds.committeeBefore },
  { meetingId: M.joint20181112, organizationId: seedIds.kreisausschuss },
  { meetingId: M.it20190523, organizationId: seedIds.committeeBefore },
  { meetingId: M.it20191111, organizationId: seedIds.committeeBefore },
  { meetingId: M.it20200813, organizationId: seedIds.committeeBefore },
];

// [N] "gez. Dietmar Weiß", "gez. Mirko Schumacher"
export const meetingSignatories: Prisma.MeetingSignatoryCreateManyInput[] = [
  { meetingId: seedIds.meeting2024, personId: P.weiss, order: 1, role: 'Vorsitz' },
  { meetingId: seedIds.meeting2024, personId: P.schumacher, order: 2, role: 'Schriftführung' },
];

// ---------------------------------------------------------------------------------------------
// Attendance of 21.11.2024 [N]
// ---------------------------------------------------------------------------------------------
// leftAt: "Die Gäste verlassen den Raum" when the non-public part begins, at a time not stated: null.

type AttendanceFields = Omit<Prisma.AttendanceCreateManyInput, 'id' | 'meetingId' | 'personId'>;
function attendance(key: PersonKey, fields: AttendanceFields): Prisma.AttendanceCreateManyInput {
  return { id: seedUuid(`attendance:digi20241121:${key}`), meetingId: seedIds.meeting2024, personId: P[key], ...fields };
}
const member = (key: PersonKey) => attendance(key, { role: 'MEMBER', status: 'PRESENT' });
// Ambiguity: "begrüßt er die Gäste Herrn Fischer und Herrn Lemm vom KRZN sowie Herrn Schölzel und
// Frau Büttner von der Verwaltung" — Schölzel and Büttner are printed under "Verwaltung", so they
// are ADMINISTRATION, not GUEST. affiliation is "Verwaltung" as the list heading names it.
const staff = (key: PersonKey) => attendance(key, { role: 'ADMINISTRATION', status: 'PRESENT', affiliation: 'Verwaltung' });

export const attendances: Prisma.AttendanceCreateManyInput[] = [
  attendance('weiss', { role: 'CHAIR', status: 'PRESENT' }),
  member('boesel'),
  member('elghanou'),
  member('freitag'),
  member('gartmann'),
  member('guenther'),
  member('hoffmann'),
  member('lang'),
  member('rohden'),
  member('soehnchen'),
  member('viehoever'),
  member('weber'),
  // "Solveigh Zieger — ab 16:53 Uhr"
  attendance('zieger', { role: 'MEMBER', status: 'PRESENT', arrivedAt: new Date('2024-11-21T16:53:00+01:00') }),
  // Not in the printed list, but in the text of TOP 1:
  attendance('niemeyer', { role: 'MEMBER', status: 'EXCUSED' }),
  attendance('duechting', { role: 'SUBSTITUTE', status: 'PRESENT', substituteForId: P.niemeyer }),
  attendance('buchholz', { role: 'MEMBER', status: 'EXCUSED' }),
  attendance('burghaus', { role: 'SUBSTITUTE', status: 'EXCUSED', substituteForId: P.buchholz }),
  staff('becker'),
  staff('buettner'),
  staff('gilbert'),
  staff('herz'),
  staff('pietrowski'),
  staff('schoelzel'),
  // Ambiguity: Schumacher is printed under "Verwaltung" and is the minute-taker; one row per person
  // is allowed, so he is recorded in his meeting role MINUTE_TAKER (affiliation "Verwaltung").
  attendance('schumacher', { role: 'MINUTE_TAKER', status: 'PRESENT', affiliation: 'Verwaltung' }),
  attendance('fischer', { role: 'GUEST', status: 'PRESENT', affiliation: 'KRZN' }),
  attendance('lemm', { role: 'GUEST', status: 'PRESENT', affiliation: 'KRZN' }),
];

// ---------------------------------------------------------------------------------------------
// Papers
// ---------------------------------------------------------------------------------------------
// Names: the title of the agenda item that carries the paper (the documents print no other title).
// paperType "Vorlage" where the text says "Vorlage (Nr.)"; dates only where stated.

export const papers: Prisma.PaperCreateManyInput[] = [
  // [N]
  { id: PA['20/022/2024'], bodyId: B, reference: '20/022/2024', name: 'Haushalt 2025', paperType: 'Vorlage' },
  {
    // "Einsatz von KI 12/007/2024 hier: Anfrage der Fraktion BÜNDNIS 90/DIE GRÜNEN vom 06.11.2024"
    // Ambiguity: the heading of TOP 6.1 also says "Vorlage Nr. 12/007/2024"; the paper is the Anfrage.
    id: PA['12/007/2024'],
    bodyId: B,
    reference: '12/007/2024',
    name: 'Einsatz von KI',
    paperType: 'Anfrage',
    date: day('2024-11-06'),
  },
  // Non-public TOP 8: only number and title are printed; the type is not stated.
  { id: PA['12/006/2024'], bodyId: B, reference: '12/006/2024', name: 'Digitaler Sitzungsdienst' },
  // [R]
  { id: PA['40/029/2017'], bodyId: B, reference: '40/029/2017', name: 'Gute Schule 2020', paperType: 'Vorlage' },
  {
    id: PA['16/010/2018'],
    bodyId: B,
    reference: '16/010/2018',
    name: 'Sachstandsbericht zum Masterplan E-Government 2020',
    paperType: 'Vorlage',
  },
  {
    id: PA['16/015/2018'],
    bodyId: B,
    reference: '16/015/2018',
    name: 'Geschäftsbericht 2017 der eigenbetriebsähnlichen Einrichtung AKDN-sozial des KDN - Dachverband kommunaler IT-Dienstleister',
    paperType: 'Vorlage',
  },
  { id: PA['10/045/2018'], bodyId: B, reference: '10/045/2018', name: 'Beitrittsvereinbarung KRZN', paperType: 'Vorlage' },
  {
    id: PA['20/021/2020'],
    bodyId: B,
    reference: '20/021/2020',
    name: 'Rahmenbedingungen einer Mitgliedschaft Kreis / kreisangehörige Städte zum KRZN',
    paperType: 'Vorlage',
  },
  // Named only inside status texts of [R]:
  { id: PA['20/022/2020'], bodyId: B, reference: '20/022/2020', name: 'Digitalisierung der Schulen', paperType: 'Vorlage' },
  { id: PA['10/018/2019'], bodyId: B, reference: '10/018/2019', name: 'Digitalisierungsbericht', paperType: 'Vorlage' },
  // [R] 12.11.2018 TOP 8 "Nachträge – Antrag / Anfrage der FDP-Fraktion zum Thema …": papers
  // without a printed reference.
  {
    id: PA['fdp-antrag-digitalisierungsbericht'],
    bodyId: B,
    name: 'Antrag der FDP-Fraktion zum Thema „Digitalisierungsbericht“',
    paperType: 'Antrag',
  },
  {
    id: PA['fdp-anfrage-leichte-sprache'],
    bodyId: B,
    name: 'Anfrage der FDP-Fraktion zum Thema „Leichte Sprache“',
    paperType: 'Anfrage',
  },
  // [R] "im Veränderungsantrag zum Haushalt 2020/2021 eingebracht (Sitzung vom 11.11.2019)".
  // Ambiguity: its originator and type are not stated (paperType null).
  { id: PA['veraenderungsantrag-haushalt-2020-2021'], bodyId: B, name: 'Veränderungsantrag zum Haushalt 2020/2021' },
];

export const paperOriginatorOrganizations: Prisma.PaperOriginatorOrganizationCreateManyInput[] = [
  { paperId: PA['12/007/2024'], organizationId: seedIds.fraktion.gruene },
  { paperId: PA['fdp-antrag-digitalisierungsbericht'], organizationId: seedIds.fraktion.fdp },
  { paperId: PA['fdp-anfrage-leichte-sprache'], organizationId: seedIds.fraktion.fdp },
];

// ---------------------------------------------------------------------------------------------
// Agenda of 21.11.2024 [N]
// ---------------------------------------------------------------------------------------------
// `order` runs over the whole agenda; 1.1–1.6 have parent 1, 6.1 parent 6; 1–6.1 public, 7–10 not.
// protocolText: the paragraphs under "Zu Punkt …", verbatim, one blank line between paragraphs.
// For TOP 5 the "Beschluss:" paragraph goes to resolutionText and "Abstimmungsergebnis: …" to
// result (and the Vote), not repeated in protocolText.
// state: COMPLETED where the minutes show the item was dealt with; 1.6 (not mentioned in the text)
// and the non-public items 7–10 (their minutes are left out: "[...]") stay PLANNED — unknown.

const TOP1 = paragraphs(
  'Um 16:32 Uhr eröffnet der Ausschussvorsitzende Herr KA Weiß die Sitzung und begrüßt die Anwesenden. Ebenso begrüßt er die Gäste Herrn Fischer und Herrn Lemm vom KRZN sowie Herrn Schölzel und Frau Büttner von der Verwaltung.',
  'Es folgt die Feststellung der ordnungsgemäßen Ladung und der Anwesenheit.',
  'Als Vertreter für den entschuldigten Herrn KA Niemeyer nimmt Herr KA Düchting an der Sitzung teil. Ebenfalls entschuldigt fehlen Herr KA Buchholz sowie sein Vertreter, Herr KA Burghaus.',
  'Im Anschluss daran stellt der Vorsitzende die Beschlussfähigkeit des Ausschusses sowie die Tagesordnung fest.',
);

const TOP2 = paragraphs(
  'Der Ausschussvorsitzende fragt, ob es Anmerkungen zur letzten Niederschrift gibt. Dies ist nicht der Fall.',
  'Die Niederschrift der Sitzung des Ausschusses für Digitalisierung vom 09.09.2024 wird genehmigt.',
);

const TOP3 = paragraphs(
  'Herr Herz berichtet dem Ausschuss für Digitalisierung anhand der anliegenden Präsentation (Anlage 1) zu Informationen aus der Verwaltung.',
  'Wie in der Septembersitzung angekündigt wurde der landesseitige Check „B-Hard“ zur Informationssicherheit durchgeführt. Die Ergebnispräsentation erfolgt am 25.11.2024, so dass in der nächsten Sitzung umfassend berichtet werden kann.',
  // Ambiguity: printed "Hinweisgeber-schutzgesetzes", a hyphenation left over from a line break
  // (the law is the Hinweisgeberschutzgesetz): rejoined, as in the report.
  'Ein Aspekt, über den Herr Herz aufgrund eines Impulses aus dem Ausschuss ausführlicher berichtet, sind aktuelle Umsetzungen aus dem Projekt zur Umsetzung des Hinweisgeberschutzgesetzes. Demgemäß steht der Kreis vor dem Vertragsabschluss zur Nutzung des digitalen Systems VISPATO, das beim KRZN gehostet wird. Der Meldekanal soll von einer externen Anwaltskanzlei betrieben werden. Die Federführung übernimmt hier das Prüfungsamt des Kreises.',
  'Der Ausschuss für Digitalisierung nimmt die Informationen der Verwaltung zur Kenntnis.',
);

const TOP4 = paragraphs(
  'Herr Fischer berichtet dem Ausschuss über Neuigkeiten aus dem Kommunalen Rechenzentrum.',
  'Herr Fischer blickt auf das Beitrittsprojekt der Kreisverwaltung Mettmann zum KRZN zurück. Was aus seiner Sicht die wesentliche Herausforderung gewesen sei, war die Übernahme des standardisierten Produktportfolios des Kommunalen Rechenzentrums. Zielvorgabe sei eine 60%-Umsetzungsquote gewesen. Herr Fischer verweist hier auf die vertiefende Präsentation von Herrn Lemm im Anschluss an seine Ausführungen.',
  'Darüber hinaus hebt Herr Fischer die aus seiner Sicht zweite wesentliche Herausforderung hervor, nämlich die Übernahme der Mitarbeiter aus der aufgelösten IT der Kreisverwaltung in das KRZN, genauer in den neuen Standortdienst hier in Mettmann. Aus seiner Sicht sei dieser Transfer sehr gut gelaufen. Ebenfalls merkt Herr Fischer an, dass der Beitritt zum KRZN damals eine bedeutsame Entscheidung gewesen sei.',
  'Nun informiert Herr Lemm anhand der beiliegenden Präsentation (Anlage 2) aus dem Kommunalen Rechenzentrum für den Standort Mettmann.',
  'Herr Lemm greift die zuvor von Herrn Fischer angesprochenen Punkte auf und berichtet über die Schritte und Meilensteine, die während des Beitrittsprojektes aufgekommen seien. Heute könne er mit Blick auf die umgesetzte Produktpalette feststellen, dass dies erfolgreich verlaufen sei, da sich 76% der Kernprodukte des KRZN nun bei der Kreisverwaltung Mettmann im Einsatz befänden.',
  'Ebenfalls blickt Herr Lemm auf die letzten sechs Jahre zurück und hebt vor allem die aus seiner Sicht sehr positive Entwicklung in der digitalen Ausstattung der Schulen im Kreis sowie der Digitalisierung innerhalb der Verwaltung hervor. Vor allem unter den erschwerten Bedingungen der Pandemie sei dies durchaus nicht selbstverständlich und er lobte die Zusammenarbeit mit der Kreisverwaltung im Hinblick auf die gemeinsamen Maßnahmen.',
  'Sein Ziel für die Zukunft sei es, die Kernproduktquote weiter zu erhöhen, die IT-Sicherheit auszubauen und die Verwaltungsdigitalisierung voranzubringen.',
  'Herr KA Rohden möchte von Herrn Lemm wissen, wie sich das KRZN grundsätzlich im Bereich der Netzwerksicherheit gegen externe Angriffe schütze.',
  'Herr Fischer und Herr Lemm erklären, dass die Netzwerksegmentierung in sehr kleinen Einheiten erfolge, sowohl im Mutterhaus als auch für den Standort Mettmann, daher sei ein Eindringen von Hackern ins gesamte Netz des KRZN sehr unwahrscheinlich.',
  'Herr KA Viehöver fragt nach, wer die Wartung und Reparatur der in den Schulen befindlichen Endgeräte wie iPads und Multifunktionstouch-Displays übernehme und ob dies auch speziell ausgebildete Techniker innerhalb des KRZN seien.',
  'Herr Lemm antwortet, dass die Administration vor Ort den breitgefächerten 2nd-Level-Support wahrnehme. Weitere Spezialisierungen bestünden bei einzelnen Mitarbeitenden, um auch den sog. 3rd-Level-Support leisten zu können. Reparaturen oder Wartungen würden hingegen von Fachdienstleistern, die vom KRZN beauftragt würden, durchgeführt.',
  'Herr SB Söhnchen merkt an, dass aus seiner Sicht vor allem die Mitarbeiter an der Basis, sowohl in der Verwaltung als auch beim KRZN, an dem erfolgreichen Übergang beteiligt seien und es ist ihm wichtig, dies einmal entsprechend auch lobend zu erwähnen.',
  'Der Vorsitzende Herr Weiß stimme Herrn SB Söhnchen in diesem Punkt voll zu und könne sich dem nur anschließen.',
  'Der Ausschuss für Digitalisierung nimmt die Informationen aus dem Kommunalen Rechenzentrum Niederrhein zur Kenntnis.',
  'Die Präsentation des KRZN aus dem Standort Mettmann ist als Anlage 2 der Niederschrift beigelegt.',
);

const TOP5 = paragraphs(
  'Der Ausschussvorsitzende Herr KA Weiß gibt die Möglichkeit, Fragen zum Haushaltsentwurf 2025 zu stellen.',
  'Da keine weiterführenden Fragen zum Haushaltsentwurf gestellt werden, geht Herr Weiß zum Beschlussvorschlag über.',
);

export const TOP5_RESOLUTION =
  'Der Ausschuss nimmt den vorliegenden Haushaltsentwurf für das Haushaltsjahr 2025 – soweit er in seine Zuständigkeit fällt – zur Kenntnis und empfiehlt dem Kreisausschuss dem Entwurf mit den beratenen Änderungen zuzustimmen und an den Kreistag zur Beschlussfassung weiterzuleiten.';

const TOP6_1 = paragraphs(
  'Herr Kreisdirektor Gilbert leitet das Thema ein und erklärt, dass die aktuell gängigen KI-Modelle wie Co-Pilot, ChatGPT vor allem für den Massenmarkt entwickelt worden seien und dass der monetäre Aspekt für die Entwickler im Vordergrund stünde. Für eine Verwaltung müsse die eingesetzte KI aus seiner Sicht gezielt entwickelt werden, um den Anforderungen einer Behörde entsprechen zu können.',
  'Frau Becker berichtet dem Ausschuss anhand der vorliegenden Präsentation (Anlage 3) über den Einsatz in unserer Kreisverwaltung. Sie erklärt, dass der Kreis Mettmann Stakeholder bei der Strategiewerkstatt des KRZN sei, in der die Entwicklung und experimentelle Nutzung von KI durchgeführt würden. Dies seien zum Beispiel Tools für automatisierte Vorgänge, Chatbots und Tools für den effektiveren Einsatz von Wissensmanagement. Der Landkreistag sei ebenfalls Multiplikator in den KI Themen und eine weitere Wissens- und Erfahrungsquelle der Kreisverwaltung.',
  'Dann widmet sich Frau Becker der Frage, welche Programme in welchen Ämtern eingesetzt würden. Sie erklärt, dass das Amt 41 mit einem eigenen KI-Projekt vorangehe.',
  'Denkbare Anwendungsszenarien gäbe es einige, wie dem Automatisieren bestimmter Tätigkeiten innerhalb der Verwaltung oder zum Beispiel das automatisierte Erstellen einer Niederschrift aus einer Sitzung. Die aus Ihrer Sicht nächste nennenswerte Hürde sei es, dass KI in die Lage versetzt wird, komplexe Lösungen zu bearbeiten.',
  'Über die Vor- und Nachteile der Nutzung von KI befindet Frau Becker, dass dies ein sehr umfangreiches eigenes Thema sei. Als wesentlichen Vorteil stellt Sie hervor, dass die Produktivität gesteigert werden könne. Als einen wesentlichen Nachteil wird in Studien dargestellt, dass die Nutzer der KI in der Genauigkeit nachließen und der KI zu viel vertrauen würden, die Nutzer würden sozusagen „am Steuer einschlafen“. Um das zu überwinden, müsse man auch bei den Mitarbeitenden für das Thema KI sensibilisieren.',
  'Der Vorsitzende Herr KA Weiß fragt bei der Fraktion Bündnis 90/Die Grünen nach, ob alle Punkte ausreichend beantwortet worden wären.',
  'Die Mitglieder der Fraktion stimmen dem zu und die Ausführungen wurden vom Ausschuss zur Kenntnis genommen.',
  // Ambiguity: printed under "Zu Punkt 6.1", before "Nicht öffentlicher Teil": kept with 6.1.
  'Die Nichtöffentlichkeit der Sitzung wird hergestellt. Die Gäste verlassen den Raum.',
);

type AgendaFields = Omit<Prisma.AgendaItemCreateManyInput, 'id' | 'meetingId' | 'number' | 'order' | 'parentId'>;
let agendaOrder = 0;
function item2024(number: keyof typeof AI, fields: AgendaFields, parent?: keyof typeof AI): Prisma.AgendaItemCreateManyInput {
  agendaOrder += 1;
  return {
    id: AI[number],
    meetingId: seedIds.meeting2024,
    number,
    order: agendaOrder,
    parentId: parent ? AI[parent] : null,
    ...fields,
  };
}
const opened2024 = new Date('2024-11-21T16:32:00+01:00');

export const agendaItems2024: Prisma.AgendaItemCreateManyInput[] = [
  // Öffentlicher Teil
  item2024('1', { name: 'Formalien', public: true, state: 'COMPLETED', protocolText: TOP1, start: opened2024 }),
  item2024('1.1', { name: 'Eröffnung der Sitzung', public: true, state: 'COMPLETED', start: opened2024 }, '1'),
  item2024('1.2', { name: 'Feststellung der ordnungsgemäßen Ladung', public: true, state: 'COMPLETED' }, '1'),
  item2024('1.3', { name: 'Feststellung der Anwesenheit', public: true, state: 'COMPLETED' }, '1'),
  item2024('1.4', { name: 'Feststellung der Beschlussfähigkeit', public: true, state: 'COMPLETED' }, '1'),
  item2024('1.5', { name: 'Feststellung der Tagesordnung', public: true, state: 'COMPLETED' }, '1'),
  item2024('1.6', { name: 'Benennung von Berichterstatterinnen / Berichterstattern für den Kreistag', public: true }, '1'),
  item2024('2', {
    name: 'Genehmigung der Niederschrift über die Sitzung vom 09.09.2024',
    public: true,
    state: 'COMPLETED',
    protocolText: TOP2,
    result: 'genehmigt',
  }),
  item2024('3', {
    name: 'Informationen der Verwaltung',
    public: true,
    state: 'COMPLETED',
    protocolText: TOP3,
    result: 'zur Kenntnis genommen',
  }),
  item2024('4', {
    name: 'Informationen aus dem Kommunalen Rechenzentrum Niederrhein',
    public: true,
    state: 'COMPLETED',
    protocolText: TOP4,
    result: 'zur Kenntnis genommen',
  }),
  item2024('5', {
    name: 'Haushalt 2025',
    public: true,
    state: 'COMPLETED',
    protocolText: TOP5,
    resolutionText: TOP5_RESOLUTION,
    result: 'einstimmig angenommen',
  }),
  // "Nachträge" is the heading of the late items; urgent is set on the late item 6.1 itself.
  item2024('6', { name: 'Nachträge', public: true, state: 'COMPLETED' }),
  item2024(
    '6.1',
    {
      name: 'Einsatz von KI',
      subtitle: 'hier: Anfrage der Fraktion BÜNDNIS 90/DIE GRÜNEN vom 06.11.2024',
      public: true,
      urgent: true,
      state: 'COMPLETED',
      protocolText: TOP6_1,
      result: 'zur Kenntnis genommen',
    },
    '6',
  ),
  // Nicht öffentlicher Teil (titles only; the minutes of this part are omitted: "[...]")
  item2024('7', { name: 'Informationen der Verwaltung', public: false }),
  item2024('8', { name: 'Digitaler Sitzungsdienst', subtitle: 'hier: Leihgeräte Kreistagsabgeordnete', public: false }),
  item2024('9', { name: 'Beitrittsvereinbarung KRZN', subtitle: 'hier: Anschlussvereinbarung', public: false }),
  item2024('10', { name: 'Nachträge', public: false }),
];

// ---------------------------------------------------------------------------------------------
// Agenda items of the meetings named in the 2020 report [R]
// ---------------------------------------------------------------------------------------------
// Only the TOP of each row is known, not the whole agenda: `order` = the TOP number.
// `public` is not stated; the column is NOT NULL, so it keeps the schema default (true).
// Naming rule for the "TOP / Betreff" column: the TOP title is the name; a "hier: …" part is the
// subtitle (as in the minutes); a part after a dash that only narrows the report row to one topic
// (TOP 3 "-Linux Pläne …", TOP 5 "– „Digitale Ausländerakte“" / "– „IT-Sicherheit“") is not part
// of the agenda item and goes to Assignment.note; TOP 8's "– Antrag/Anfrage der FDP-Fraktion …"
// are the papers.

export const KT_2017_RESOLUTION =
  'Der Kreistag stimmt der vorgestellten Rahmenkonzeption „Gute Schule 2020“ sowie dem Breitbandkonzept zu. Die Verwaltung wird beauftragt, die für 2018-2020 vorgesehenen Maßnahmen umzusetzen.\nÜber die weiteren Prozessverläufe und Maßnahmen werden die politischen Gremien des Kreises Mettmann von der Verwaltung informiert.';

const KRZN_2020_RESOLUTION =
  'Der Kreistag macht sich die dargestellten Vorteile von städtischen Beitritten zum Kommunalen Rechenzentrum Niederrhein (KRZN) zu eigen und beauftragt die Verwaltung, die zu Grunde liegende Vorlage den kreisangehörigen Städten zu übermitteln.';

export const reportAgendaItems: Prisma.AgendaItemCreateManyInput[] = [
  {
    id: RA.kt20171019['15'],
    meetingId: M.kt20171019,
    number: '15',
    order: 15,
    name: 'Gute Schule 2020',
    state: 'COMPLETED',
    resolutionText: KT_2017_RESOLUTION,
  },
  { id: RA.it20180604['3'], meetingId: M.it20180604, number: '3', order: 3, name: 'Informationen der Verwaltung', state: 'COMPLETED' },
  {
    id: RA.it20180604['5'],
    meetingId: M.it20180604,
    number: '5',
    order: 5,
    name: 'Sachstandsbericht zum Masterplan E-Government 2020',
    state: 'COMPLETED',
  },
  {
    id: RA.it20181112['7'],
    meetingId: M.it20181112,
    number: '7',
    order: 7,
    name: 'Geschäftsbericht 2017 der eigenbetriebsähnlichen Einrichtung AKDN-sozial des KDN - Dachverband kommunaler IT-Dienstleister',
    subtitle: 'hier: Perspektiven von AKDN-sozial im KRZN',
    state: 'COMPLETED',
  },
  { id: RA.it20181112['8'], meetingId: M.it20181112, number: '8', order: 8, name: 'Nachträge', state: 'COMPLETED' },
  {
    // Ambiguity: "hier: Besichtigung des KRZN" may be the report's narrowing rather than the
    // agenda's own subtitle; kept as subtitle by the rule above.
    id: RA.joint20181112['3'],
    meetingId: M.joint20181112,
    number: '3',
    order: 3,
    name: 'Beitrittsvereinbarung KRZN',
    subtitle: 'hier: Besichtigung des KRZN',
    state: 'COMPLETED',
  },
  {
    id: RA.it20200813['6'],
    meetingId: M.it20200813,
    number: '6',
    order: 6,
    name: 'Rahmenbedingungen einer Mitgliedschaft Kreis / kreisangehörige Städte zum KRZN',
    state: 'COMPLETED',
    // The "Beschluss / Auftrag" text (see the Ambiguity note at the meeting of 13.08.2020).
    resolutionText: KRZN_2020_RESOLUTION,
  },
];

export const agendaItems: Prisma.AgendaItemCreateManyInput[] = [...agendaItems2024, ...reportAgendaItems];

// ---------------------------------------------------------------------------------------------
// Consultations (paper ↔ meeting/agenda item) and the organizations consulting
// ---------------------------------------------------------------------------------------------
// authoritative only where the text shows who decides; role is nowhere named: null.

interface ConsultationSeed {
  key: string;
  paperId: string;
  meetingId: string;
  agendaItemId: string | null;
  authoritative: boolean | null;
  organizationIds: string[];
}

const consultationSeeds: ConsultationSeed[] = [
  // [N] TOP 5: the committee "empfiehlt dem Kreisausschuss … an den Kreistag zur Beschlussfassung
  // weiterzuleiten" — it does not decide: authoritative false.
  { key: '20/022/2024', paperId: PA['20/022/2024'], meetingId: seedIds.meeting2024, agendaItemId: AI['5'], authoritative: false, organizationIds: [seedIds.committee] },
  { key: '12/007/2024', paperId: PA['12/007/2024'], meetingId: seedIds.meeting2024, agendaItemId: AI['6.1'], authoritative: null, organizationIds: [seedIds.committee] },
  { key: '12/006/2024', paperId: PA['12/006/2024'], meetingId: seedIds.meeting2024, agendaItemId: AI['8'], authoritative: null, organizationIds: [seedIds.committee] },
  // [R] "Der Kreistag hat am 19.10.2017 den Beschluss gefasst"
  { key: '40/029/2017', paperId: PA['40/029/2017'], meetingId: M.kt20171019, agendaItemId: RA.kt20171019['15'], authoritative: true, organizationIds: [seedIds.kreistag] },
  { key: '16/010/2018', paperId: PA['16/010/2018'], meetingId: M.it20180604, agendaItemId: RA.it20180604['5'], authoritative: null, organizationIds: [seedIds.committeeBefore] },
  { key: '16/015/2018', paperId: PA['16/015/2018'], meetingId: M.it20181112, agendaItemId: RA.it20181112['7'], authoritative: null, organizationIds: [seedIds.committeeBefore] },
  { key: 'fdp-antrag-digitalisierungsbericht', paperId: PA['fdp-antrag-digitalisierungsbericht'], meetingId: M.it20181112, agendaItemId: RA.it20181112['8'], authoritative: null, organizationIds: [seedIds.committeeBefore] },
  { key: 'fdp-anfrage-leichte-sprache', paperId: PA['fdp-anfrage-leichte-sprache'], meetingId: M.it20181112, agendaItemId: RA.it20181112['8'], authoritative: null, organizationIds: [seedIds.committeeBefore] },
  { key: '10/045/2018', paperId: PA['10/045/2018'], meetingId: M.joint20181112, agendaItemId: RA.joint20181112['3'], authoritative: null, organizationIds: [seedIds.committeeBefore, seedIds.kreisausschuss] },
  { key: '20/021/2020', paperId: PA['20/021/2020'], meetingId: M.it20200813, agendaItemId: RA.it20200813['6'], authoritative: null, organizationIds: [seedIds.committeeBefore] },
  // Named in status texts only; the TOP is not stated.
  { key: '20/022/2020', paperId: PA['20/022/2020'], meetingId: M.it20200813, agendaItemId: null, authoritative: null, organizationIds: [seedIds.committeeBefore] },
  { key: '10/018/2019', paperId: PA['10/018/2019'], meetingId: M.it20190523, agendaItemId: null, authoritative: null, organizationIds: [seedIds.committeeBefore] },
  { key: 'veraenderungsantrag-haushalt-2020-2021', paperId: PA['veraenderungsantrag-haushalt-2020-2021'], meetingId: M.it20191111, agendaItemId: null, authoritative: null, organizationIds: [seedIds.committeeBefore] },
];

export const consultations: Prisma.ConsultationCreateManyInput[] = consultationSeeds.map((c) => ({
  id: seedUuid(`consultation:${c.key}`),
  paperId: c.paperId,
  meetingId: c.meetingId,
  agendaItemId: c.agendaItemId,
  authoritative: c.authoritative,
}));

export const consultationOrganizations: Prisma.ConsultationOrganizationCreateManyInput[] = consultationSeeds.flatMap((c) =>
  c.organizationIds.map((organizationId) => ({ consultationId: seedUuid(`consultation:${c.key}`), organizationId })),
);

// ---------------------------------------------------------------------------------------------
// Files: "Anlage 1–3" of the minutes, metadata only (no content: storageKey null)
// ---------------------------------------------------------------------------------------------

export const files: Prisma.FileCreateManyInput[] = [
  {
    // TOP 3: "anhand der anliegenden Präsentation (Anlage 1)"
    id: seedIds.file.anlage1,
    name: 'Anlage 1 – Präsentation zu TOP 3 (Informationen der Verwaltung)',
    role: 'AUXILIARY',
    storageKey: null,
    meetingId: seedIds.meeting2024,
    agendaItemId: AI['3'],
  },
  {
    // TOP 4: "Die Präsentation des KRZN aus dem Standort Mettmann ist als Anlage 2 der Niederschrift beigelegt."
    id: seedIds.file.anlage2,
    name: 'Anlage 2 – Präsentation des KRZN aus dem Standort Mettmann',
    role: 'AUXILIARY',
    storageKey: null,
    meetingId: seedIds.meeting2024,
    agendaItemId: AI['4'],
  },
  {
    // TOP 6.1: "anhand der vorliegenden Präsentation (Anlage 3)"
    id: seedIds.file.anlage3,
    name: 'Anlage 3 – Präsentation zu TOP 6.1 (Einsatz von KI)',
    role: 'AUXILIARY',
    storageKey: null,
    meetingId: seedIds.meeting2024,
    agendaItemId: AI['6.1'],
  },
];

// ---------------------------------------------------------------------------------------------
// The vote on TOP 5 [N]: "Abstimmungsergebnis: einstimmig angenommen" — counts not stated.
// ---------------------------------------------------------------------------------------------

export const votes: Prisma.VoteCreateManyInput[] = [
  {
    id: seedIds.voteTop5,
    agendaItemId: AI['5'],
    subject: 'Haushalt 2025 - Vorlage Nr. 20/022/2024',
    kind: 'COUNTED',
    state: 'CLOSED',
    yes: null,
    no: null,
    abstain: null,
    unanimous: true,
    result: 'ADOPTED',
    // When the vote was opened/closed is not stated.
    openedAt: null,
    closedAt: null,
  },
];

// ---------------------------------------------------------------------------------------------
// Assignments of the report "Offene Beschlüsse, Prüf- und Arbeitsaufträge", 2020 [R]
// ---------------------------------------------------------------------------------------------
// Texts verbatim; words split only by a line break of the extraction are rejoined
// ("Bericht-erstattung" → "Berichterstattung", "Vor-lage" → "Vorlage", "Förder-mittelkonzept",
// "Multi-funktionstouchdisplays", "Standardisierung-en", "Com-petence", "Bearbei-tung"), real
// hyphens kept ("2018-2020", "Open-Source-Software", "WLAN-Ausbau", "E-Government"). Lines of a
// cell are joined by a space; a line break is kept ("\n") where the next word would have fitted on
// the short line before it (a hard break in the original), and a blank line in a cell is kept
// as a paragraph break ("\n\n").
// kind: RESOLUTION = a formal decision of a body; REVIEW = the administration is to examine/watch
// something with an open outcome (Prüfauftrag); WORK = the administration promised a concrete
// deliverable, e.g. a report, a plan, a visit (Arbeitsauftrag).
// The legend's status symbols were lost in the extraction: each status below is decided from the
// text, with the reason next to it.

/** Date of the status reports: the end of the reporting period "01.01. bis 31.12.2020" (the report itself is undated). */
export const STATUS_REPORT_DATE = day('2020-12-31');

type AssignmentKey = keyof typeof A;
interface AssignmentSeed {
  key: AssignmentKey;
  meetingId: string;
  agendaItemId: string;
  paperId: string | null;
  kind: 'RESOLUTION' | 'REVIEW' | 'WORK';
  note: string | null;
  text: string;
  status: 'DONE' | 'IN_PROGRESS' | 'NOT_FEASIBLE';
  statusText: string;
}

export const assignmentSeeds: AssignmentSeed[] = [
  {
    key: 'guteSchule2020',
    meetingId: M.kt20171019,
    agendaItemId: RA.kt20171019['15'],
    paperId: PA['40/029/2017'],
    kind: 'RESOLUTION', // a Kreistag "Beschluss"
    note: 'hier: fortlaufende Berichterstattung', // date column "(KT 19.10.2017- hier: fortlaufende Bericht-erstattung)"
    text: `Der Kreistag hat am 19.10.2017 den Beschluss gefasst:\n„${KT_2017_RESOLUTION}“`,
    // IN_PROGRESS: "Die förderfähigen Maßnahmen … befinden sich in der Umsetzung"; continuous reporting.
    status: 'IN_PROGRESS',
    statusText:
      'Die Verwaltung wird dem Ausschuss für Informationstechnik und digitale Verwaltung im Jahr 2019 weiter laufend berichten.\n\nEin Bericht zum Fördermittelkonzept Gute Schule / Digitalpakt wurde im Veränderungsantrag zum Haushalt 2020/2021 eingebracht (Sitzung vom 11.11.2019) und in der Vorlage 20/022/2020 „Digitalisierung der Schulen“ fortgeschrieben (Sitzung vom 13.08.2020). Die förderfähigen Maßnahmen (WLAN-Ausbau, Einsatz von Multifunktionstouchdisplays) befinden sich in der Umsetzung, die Fördermittel werden, soweit bereits möglich, durch die Kreisverwaltung abgerufen.',
  },
  {
    key: 'linuxDortmund',
    meetingId: M.it20180604,
    agendaItemId: RA.it20180604['3'],
    paperId: null,
    // REVIEW: "Die Verwaltung werde den weiteren Prozess beobachten" — watching whether Dortmund's
    // open-source approach matters for the Kreis, outcome open (the status answers that question).
    kind: 'REVIEW',
    note: 'Linux Pläne der Stadt Dortmund', // Betreff "TOP 3: Informationen der Verwaltung -Linux Pläne der Stadt Dortmund"
    text: 'Herr Kreisdirektor Richter berichtet von den Überlegungen der Stadt Dortmund zum Einsatz von Open-Source-Software. Dazu solle in Zusammenarbeit mit dem städtischen IT-Dienstleister DoSys und einer Bürgerinitiative bis Sommer 2019 eine entsprechende Strategie entwickelt werden. Die Verwaltung werde den weiteren Prozess beobachten und zu gegebener Zeit berichten.',
    // NOT_FEASIBLE: open-source software at the Kreis is "obsolet" after joining the KRZN.
    status: 'NOT_FEASIBLE',
    statusText:
      'Auf Grund des zwischenzeitlichen Beitritts des Kreises zum KRZN ist der Einsatz von Open-Source-Software beim Kreis Mettmann obsolet.',
  },
  {
    key: 'digitaleAuslaenderakte',
    meetingId: M.it20180604,
    agendaItemId: RA.it20180604['5'],
    paperId: PA['16/010/2018'],
    // WORK: the Kreisdirektor promises to present a schedule ("einen Terminplan vorstellen").
    kind: 'WORK',
    note: '„Digitale Ausländerakte“', // Betreff "… E-Government 2020 – „Digitale Ausländerakte“"
    text: 'Frau KA Prüßmeier erfragt den aktuellen Sachstand des Projektes „Digitale Ausländerakte“.\nHerr Kreisdirektor Richter berichtet, dass das Projekt durch die organisatorische Umstrukturierung dieses Bereiches und die neue Amtsleitung neuen Antrieb erhalten habe und stellt in Aussicht, in der nächsten Ausschusssitzung im September einen Terminplan vorstellen zu können.',
    // IN_PROGRESS: developments are still awaited; "Aktuell ist ein Vorprojekt initiiert".
    status: 'IN_PROGRESS',
    statusText:
      'Es werden noch aktuelle Entwicklungen / Standardisierungen zum Thema aus dem Competence Center Digitalisierung (CCD) bei IT-NRW abgewartet.\nDie Stabstelle Digitalisierung hat in der Sitzung am 23.05.2019 den Digitalisierungsbericht zur Kenntnis gegeben - Vorlage Nr. 10/018/2019. Die Fachanwendung für das Ausländerwesen wurde zwischenzeitlich in das Rechenzentrum in Kamp-Lintfort migriert. Aktuell ist ein Vorprojekt initiiert zur Anbindung an das neue DMS-Standardprodukt „Fabasoft“ zur Realisierung einer digitalen Ausländerakte.',
  },
  {
    key: 'itSicherheit',
    meetingId: M.it20180604,
    agendaItemId: RA.it20180604['5'],
    paperId: PA['16/010/2018'],
    // WORK: Herr Müller promises to present the topic IT-Sicherheit in more detail.
    kind: 'WORK',
    note: '„IT-Sicherheit“', // Betreff "… E-Government 2020 – „IT-Sicherheit“"
    // (the cell ends without a full stop: kept as printed)
    text: 'Frau KA Küchler erkundigt sich nach den Sicherheitsrisiken, die eine fortschreitende Digitalisierung mit sich bringt und erfragt die personellen Ressourcen. Herr Müller erläutert, dass das Thema IT-Sicherheit grundlegend und vielschichtig ist. Mit dem IT-Sicherheitsbeauftragten und seinem Vertreter seien extra Kapazitäten für diese Aufgabe geschaffen worden. Herr Müller stellt in Aussicht, in einer der nächsten Ausschusssitzungen das vielschichtige Thema IT-Sicherheit ausführlicher aufzubereiten',
    // IN_PROGRESS: "Das Thema ist noch in Bearbeitung." (the IT-SiBe duties moved back to the
    // Kreisverwaltung, but the promised detailed report is not stated as given).
    status: 'IN_PROGRESS',
    statusText:
      'Das Thema ist noch in Bearbeitung.\nDie Verwaltung stellt dem Ausschuss für Informationstechnik und digitale Verwaltung im Rahmen des Sachstandsberichtes zum Masterplan E-Government in der zweiten Sitzung 2019 einen Bericht zur IT-Sicherheit zur Verfügung\n\nDurch Beitritt des Kreises Mettmann zum KRZN ist auch das Themenfeld IT-Sicherheit zwischen Kreis Mettmann und dem KRZN zu ordnen.\nNachdem mit Beitritt zum KRZN zunächst der IT-SiBe des Kreises, Herr Kosch, auch nach Übergang zum KRZN weiterhin als IT-SiBe für den Kreis beliehen wurde, wurde der Abgang des Herrn Kosch vom KRZN im Februar 2020 dazu genutzt, die organisatorische Verantwortung für die Aufgaben des IT-SiBe wieder originär in der Kreisverwaltung anzusiedeln.',
  },
  {
    key: 'akdnSozial',
    meetingId: M.it20181112,
    agendaItemId: RA.it20181112['7'],
    paperId: PA['16/015/2018'],
    // WORK: "Ein ausführlicherer Bericht könne in 2019 erfolgen" — a promised report.
    kind: 'WORK',
    note: null,
    text: 'Herr Müller erläutert, dass der Kreis Mettmann künftig aufgrund seines Ausscheidens aus dem KDN nicht mehr in den Gremien der eigenbetriebsähnlichen Einrichtung AKDN-sozial vertreten sein werde. Inhaltliche Änderungen würden sich für den Kreis aber nicht ergeben, da die fachlichen und betrieblichen Leistungen für AKDN-sozial aufgrund der Mitgliedschaft des KRZN im KDN zunächst weiterhin von der GKD Paderborn bezogen werden. Allerdings sei es möglich, dass der Betrieb später vom KRZN übernommen würde. Ein ausführlicherer Bericht könne in 2019 erfolgen.',
    // IN_PROGRESS: the takeover "ist noch in der Abstimmung"; a report follows new findings.
    status: 'IN_PROGRESS',
    statusText:
      'Eine mögliche Übernahme des Rechenzentrumsbetriebes von AKDN-sozial durch das KRZN ist noch in der Abstimmung.\nDem Ausschuss wird bei neuen Erkenntnissen berichtet.',
  },
  {
    key: 'digitalisierungsbericht',
    meetingId: M.it20181112,
    agendaItemId: RA.it20181112['8'],
    paperId: PA['fdp-antrag-digitalisierungsbericht'],
    // WORK: the administration commits itself to an annual status report (no vote is reported).
    kind: 'WORK',
    note: null,
    text: 'Auf den Antrag der FDP-Fraktion verpflichtet sich die Verwaltung, dem Ausschuss jährlich einen entsprechenden Sachstandsbericht zum Thema Digitalisierung vorzulegen.',
    // IN_PROGRESS: an annual report duty is a Daueraufgabe ("jeweils in der zweiten Sitzung").
    status: 'IN_PROGRESS',
    statusText:
      'Die Verwaltung stellt dem Ausschuss für Informationstechnik und digitale Verwaltung jeweils in der zweiten Sitzung einen Sachstandsbericht zur Digitalisierung zur Verfügung.',
  },
  {
    key: 'leichteSprache',
    meetingId: M.it20181112,
    agendaItemId: RA.it20181112['8'],
    paperId: PA['fdp-anfrage-leichte-sprache'],
    // REVIEW: "verpflichtet sich die Verwaltung zu einer entsprechenden Prüfung und Aufbereitung".
    kind: 'REVIEW',
    note: null,
    // The cell continues across a page break of the report; joined.
    text: 'Auf die Anfrage der FDP-Fraktion verpflichtet sich die Verwaltung zu einer entsprechenden Prüfung und Aufbereitung. Hierbei sei zu bedenken, dass es sich um ein grundsätzliches Thema handele, welches nicht nur den Ausschuss für Informationstechnik und digitale Verwaltung tangiere.',
    // IN_PROGRESS: the website relaunch that takes "Leichte Sprache" into account is being designed.
    status: 'IN_PROGRESS',
    statusText:
      'Die Verwaltung informierte den Ausschuss letztmalig in der Sitzung vom 11.11.2019.\nZurzeit wird der Relaunch der Haupt-Kreiswebsite konzipiert. Dabei wird dieser Aspekt im Sinne der Barrierefreiheit berücksichtigt.',
  },
  {
    key: 'besichtigungKrzn',
    meetingId: M.joint20181112,
    agendaItemId: RA.joint20181112['3'],
    paperId: PA['10/045/2018'],
    // WORK: Landrat Hendele promises a visit of the KRZN.
    kind: 'WORK',
    // Date column "12.11.2018 gemeinsame Sitzung mit dem KA" (also modelled as the joint meeting).
    note: 'gemeinsame Sitzung mit dem KA',
    text: 'Zudem würde es die CDU-Fraktion begrüßen, wenn der Fachausschuss sich zu gegebener Zeit vor Ort einen Eindruck über das KRZN verschaffen könne.\nLandrat Hendele sagt die Möglichkeit zur Besichtigung des KRZN zu.',
    // DONE: after the meeting of 11.11.2019 in Kamp-Lintfort "fand eine Führung durch das Rechenzentrum statt".
    status: 'DONE',
    statusText:
      'Die Sitzung am 11.11.2019 fand im Niederrheinsaal in Kamp-Lintfort statt. Im Nachgang zur Sitzung fand eine Führung durch das Rechenzentrum statt.',
  },
  {
    key: 'beitrittStaedteKrzn',
    meetingId: M.it20200813,
    agendaItemId: RA.it20200813['6'],
    paperId: PA['20/021/2020'],
    // RESOLUTION: a decision text ("… beauftragt die Verwaltung, …").
    kind: 'RESOLUTION',
    note: null,
    text: KRZN_2020_RESOLUTION,
    // DONE: the mayors received the Landrat's letter with the Vorlage attached.
    status: 'DONE',
    statusText:
      'Die Haaner Bürgermeisterin und die anderen Bürgermeister der kreisangehörigen Städte haben ein Schreiben des Landrats erhalten, das für einen Beitritt zum KRZN wirbt und die Vorlage als Anlage enthält.\nDie Stadt Mettmann wurde aufgrund des Beitritts zum krzn nicht mehr angeschrieben.',
  },
];

export const assignments: Prisma.AssignmentCreateManyInput[] = assignmentSeeds.map((a) => ({
  id: A[a.key],
  // Tracked by the committee whose report it is (the predecessor of the Ausschuss für Digitalisierung).
  organizationId: seedIds.committeeBefore,
  meetingId: a.meetingId,
  agendaItemId: a.agendaItemId,
  paperId: a.paperId,
  kind: a.kind,
  note: a.note,
  text: a.text,
  status: a.status,
}));

export const statusReports: Prisma.StatusReportCreateManyInput[] = assignmentSeeds.map((a) => ({
  id: seedIds.statusReport2020[a.key],
  assignmentId: A[a.key],
  date: STATUS_REPORT_DATE,
  status: a.status,
  text: a.statusText,
}));

/** Everything, in the order it must be written (referenced rows first). */
export const seedData = {
  body,
  organizations,
  persons,
  memberships,
  locations,
  meetings,
  meetingOrganizations,
  meetingSignatories,
  attendances,
  papers,
  paperOriginatorOrganizations,
  agendaItems,
  consultations,
  consultationOrganizations,
  files,
  votes,
  assignments,
  statusReports,
};
