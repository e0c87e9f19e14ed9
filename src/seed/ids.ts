// Fixed ids of the seed data set, so that restarts, tests and demo scripts can refer to the same rows.
// Every id is derived from a stable key ("person:weiss") by `seedUuid`: the first 16 bytes of
// SHA-1("council-seed:" + key), with the version nibble set to 5 and the RFC 4122 variant bits,
// i.e. a valid, deterministic UUID v5-style string (what PostgreSQL's uuid type accepts).
import { createHash } from 'node:crypto';

export function seedUuid(key: string): string {
  const bytes = createHash('sha1').update(`council-seed:${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes.readUInt8(6) & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes.readUInt8(8) & 0x3f) | 0x80; // variant 10xx
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function keyed<const K extends string>(prefix: string, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, seedUuid(`${prefix}:${key}`)])) as Record<K, string>;
}

/** Persons by family name (ASCII, lower case: Weiß → weiss, El Ghanou → elghanou). */
export const personKeys = [
  // Ausschuss für Digitalisierung, 21.11.2024
  'weiss', 'boesel', 'elghanou', 'freitag', 'gartmann', 'guenther', 'hoffmann', 'lang', 'rohden',
  'soehnchen', 'viehoever', 'weber', 'zieger',
  // named in the text only (substitutes, excused members)
  'niemeyer', 'duechting', 'buchholz', 'burghaus',
  // Verwaltung
  'becker', 'buettner', 'gilbert', 'herz', 'pietrowski', 'schoelzel', 'schumacher',
  // guests of the KRZN
  'fischer', 'lemm',
  // named in the 2020 report
  'richter', 'mueller', 'hendele', 'pruessmeier', 'kuechler', 'kosch',
] as const;
export type PersonKey = (typeof personKeys)[number];

/** Agenda numbers of the meeting of 21.11.2024, in agenda order. */
export const agendaNumbers2024 = [
  '1', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2', '3', '4', '5', '6', '6.1', '7', '8', '9', '10',
] as const;
export type AgendaNumber2024 = (typeof agendaNumbers2024)[number];

/** Meetings other than 21.11.2024, keyed by organization and date. */
export const meetingKeys = [
  'digi20240909', // Ausschuss für Digitalisierung, 09.09.2024 (minutes approved under TOP 2)
  'kt20171019', // Kreistag, 19.10.2017
  'it20180604', // Ausschuss für Informationstechnik und digitale Verwaltung, 04.06.2018
  'it20181112', // same committee, regular meeting 12.11.2018
  'joint20181112', // joint meeting of that committee with the Kreisausschuss, 12.11.2018
  'it20190523', // named in a status text only
  'it20191111', // named in status texts only
  'it20200813',
] as const;
export type MeetingKey = (typeof meetingKeys)[number];

/** Paper references (the FDP papers of 12.11.2018 and the Veränderungsantrag have none: keyed by topic). */
export const paperKeys = [
  '20/022/2024', '12/007/2024', '12/006/2024',
  '40/029/2017', '16/010/2018', '16/015/2018', '10/045/2018', '20/021/2020', '20/022/2020', '10/018/2019',
  'fdp-antrag-digitalisierungsbericht', 'fdp-anfrage-leichte-sprache', 'veraenderungsantrag-haushalt-2020-2021',
] as const;
export type PaperKey = (typeof paperKeys)[number];

/** Rows of the report "Offene Beschlüsse, Prüf- und Arbeitsaufträge" (2020), in document order. */
export const assignmentKeys = [
  'guteSchule2020', // KT 19.10.2017 TOP 15
  'linuxDortmund', // 04.06.2018 TOP 3
  'digitaleAuslaenderakte', // 04.06.2018 TOP 5
  'itSicherheit', // 04.06.2018 TOP 5
  'akdnSozial', // 12.11.2018 TOP 7
  'digitalisierungsbericht', // 12.11.2018 TOP 8 (Antrag FDP)
  'leichteSprache', // 12.11.2018 TOP 8 (Anfrage FDP)
  'besichtigungKrzn', // 12.11.2018 joint meeting with the KA, TOP 3
  'beitrittStaedteKrzn', // 13.08.2020 TOP 6
] as const;
export type AssignmentKey = (typeof assignmentKeys)[number];

const meeting = keyed('meeting', meetingKeys);

export const seedIds = {
  body: seedUuid('body:kreis-mettmann'),

  kreistag: seedUuid('organization:kreistag'),
  kreisausschuss: seedUuid('organization:kreisausschuss'),
  /** Ausschuss für Digitalisierung (2024). */
  committee: seedUuid('organization:ausschuss-digitalisierung'),
  /** Ausschuss für Informationstechnik und digitale Verwaltung (its predecessor, 2020 report). */
  committeeBefore: seedUuid('organization:ausschuss-it-digitale-verwaltung'),
  kreisverwaltung: seedUuid('organization:kreisverwaltung-mettmann'),
  krzn: seedUuid('organization:krzn'),
  fraktion: keyed('organization:fraktion', ['gruene', 'fdp', 'cdu'] as const),

  location: keyed('location', ['kreishaus', 'niederrheinsaal'] as const),

  /** Ausschuss für Digitalisierung, 21.11.2024 (the minutes). */
  meeting2024: seedUuid('meeting:digi20241121'),
  /** Ausschuss für Digitalisierung, 09.09.2024 (minutes approved on 21.11.2024). */
  meeting20240909: meeting.digi20240909,
  /** All other meetings by key (see meetingKeys). */
  meeting,

  person: keyed('person', personKeys),

  /** Agenda items of 21.11.2024 by number ("1", "1.1", …, "10"). */
  agendaItem: keyed('agenda-item:digi20241121', agendaNumbers2024),
  /** Agenda items of the meetings named in the 2020 report, by meeting key and TOP number. */
  reportAgendaItem: {
    kt20171019: keyed('agenda-item:kt20171019', ['15'] as const),
    it20180604: keyed('agenda-item:it20180604', ['3', '5'] as const),
    it20181112: keyed('agenda-item:it20181112', ['7', '8'] as const),
    joint20181112: keyed('agenda-item:joint20181112', ['3'] as const),
    it20200813: keyed('agenda-item:it20200813', ['6'] as const),
  },

  paper: keyed('paper', paperKeys),

  file: keyed('file:digi20241121', ['anlage1', 'anlage2', 'anlage3'] as const),

  /** The vote on TOP 5 (Haushalt 2025) of 21.11.2024. */
  voteTop5: seedUuid('vote:digi20241121:5'),

  assignment: keyed('assignment', assignmentKeys),
  /** The one status report per assignment (Berichtszeitraum 2020). */
  statusReport2020: keyed('status-report:2020', assignmentKeys),
} as const;
