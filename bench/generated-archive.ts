// Ten years of a district's archive, generated set-based inside PostgreSQL on top of the seed:
// 2,000 meetings of eight committees with ten agenda items each (three in ten non-public), 10,000
// papers each consulted by one item, assignments, and one large meeting of 150 items for the
// minutes. Shared by bench:search and bench:postgraphile; the large meeting alone by bench:minutes.
import type pg from 'pg';
import { seedIds } from '../src/seed/ids.js';
import { only } from '../test/support/indexing.js';

const COMMITTEES = 8;
const MEETINGS = 2_000;
const ITEMS_PER_MEETING = 10;
const PAPERS = 10_000;
export const LARGE_MEETING_ITEMS = 150;

// Vocabulary: council words spread through ~3,000 made-up German-looking words, drawn with a
// skewed (Zipf-like) distribution, so that a council word occurs in a realistic share of texts.
const COUNCIL_WORDS = `Verwaltung Ausschuss Kreis Sitzung Beschluss Vorlage Antrag Anfrage Haushalt Haushaltsentwurf Haushalts
  Digitalisierung digitale Schule Schulen Schulentwicklungsplan Straße Kreisstraße Radweg Radverkehr Klimaschutz
  Klimaschutzkonzept Feuerwehr Rettungsdienst Jugendhilfe Kita Kindertagesstätte Pflege Senioren Integration Bebauungsplan
  Umwelt Naturschutz Abfall Wirtschaftsförderung Breitband Glasfaser Mobilität Nahverkehr Busverbindung Bürgerbüro
  Personal Stellenplan Investition Förderung Fördermittel Zuschuss Vertrag Ausschreibung Vergabe Sanierung Neubau
  Gebäude Brandschutz Informationssicherheit Rechenzentrum KRZN Schölzel Müller Günther Weiß Prüfung Bericht Sachstand
  Kenntnis genommen einstimmig angenommen abgelehnt Enthaltung Fraktion Kreistag Landrat Kreisdirektor Gutachten
  Konzept Maßnahme Umsetzung Projekt Zeitplan Kosten Mittel Euro Jahr Quartal Planung Beteiligung Öffentlichkeit`
  .split(/\s+/)
  .filter(Boolean);
const SYLLABLES = ['ber', 'ge', 'lan', 'stadt', 'wer', 'kun', 'amt', 'ring', 'hof', 'feld', 'mar', 'tis', 'ung', 'keit', 'sch', 'ol', 'tra', 'ven', 'dor', 'ach'];
const WORDS = Array.from({ length: 3_000 }, (_, i) => `${SYLLABLES[i % 20]}${SYLLABLES[Math.floor(i / 20) % 20]}${SYLLABLES[Math.floor(i / 400) % 20]}`);
COUNCIL_WORDS.forEach((word, i) => WORDS.splice(10 + i * 30, 0, word));

/** SQL for a text of `words` (an SQL expression) words drawn from the vocabulary, passed as $1. */
const text = (words: string) =>
  `(SELECT string_agg(($1::text[])[1 + floor(${WORDS.length} * power(random(), 2))::int], ' ') FROM generate_series(1, ${words}))`;

/** Fills a seeded database. */
export async function generateArchive(db: pg.Client): Promise<void> {
  const generation = performance.now();
  await db.query(`CREATE TEMP TABLE committee AS
    SELECT gen_random_uuid() AS id, c FROM generate_series(1, ${COMMITTEES}) c`);
  await db.query(`INSERT INTO "Organization" (id, "bodyId", name, "organizationType", modified)
    SELECT id, $1, 'Ausschuss Nr. ' || c, 'Gremium', now() FROM committee`, [seedIds.body]);
  await db.query(`CREATE TEMP TABLE gen_meeting AS
    SELECT gen_random_uuid() AS id, g, (SELECT id FROM committee WHERE c = 1 + g % ${COMMITTEES}) AS org,
           timestamptz '2015-01-01 17:00+01' + (g * interval '1 day' * 3650 / ${MEETINGS}) AS start
    FROM generate_series(1, ${MEETINGS}) g`);
  await db.query(`INSERT INTO "Meeting" (id, "bodyId", name, "meetingState", start, modified)
    SELECT id, $1, 'Sitzung des Ausschusses Nr. ' || (1 + g % ${COMMITTEES}), 'FINISHED', start, now() FROM gen_meeting`, [seedIds.body]);
  await db.query(`INSERT INTO "MeetingOrganization" ("meetingId", "organizationId") SELECT id, org FROM gen_meeting`);
  await db.query(
    `INSERT INTO "AgendaItem" (id, "meetingId", number, "order", name, public, state, "protocolText", "resolutionText", modified)
     SELECT gen_random_uuid(), m.id, i::text, i, ${text('3 + (m.g + i) % 5')}, (m.g + i) % 10 >= 3, 'COMPLETED',
            ${text('40 + (m.g * i) % 160')}, CASE WHEN i % 3 = 0 THEN ${text('20 + i')} END, now()
     FROM gen_meeting m, generate_series(1, ${ITEMS_PER_MEETING}) i`,
    [WORDS],
  );
  await db.query(
    `INSERT INTO "Paper" (id, "bodyId", name, reference, date, "paperType", modified)
     SELECT gen_random_uuid(), $2, ${text('4 + g % 6')}, lpad((g % 60)::text, 2, '0') || '/' || lpad((g % 997)::text, 3, '0') || '/' || (2015 + g % 10),
            date '2015-01-01' + (g * 3650 / ${PAPERS}), 'Vorlage', now()
     FROM generate_series(1, ${PAPERS}) g`,
    [WORDS, seedIds.body],
  );
  // Every paper is consulted by one agenda item (so non-public items hide their papers).
  await db.query(`INSERT INTO "Consultation" (id, "paperId", "agendaItemId", "meetingId", modified)
    SELECT gen_random_uuid(), p.id, ai.id, ai."meetingId", now()
    FROM (SELECT id, row_number() OVER () AS n FROM "Paper" WHERE "bodyId" = $1 AND "oparlId" IS NULL) p
    JOIN (SELECT id, "meetingId", row_number() OVER () AS n FROM "AgendaItem") ai ON ai.n = p.n`, [seedIds.body]);
  await db.query(`INSERT INTO "Assignment" (id, "organizationId", "meetingId", "agendaItemId", text, status, modified)
    SELECT gen_random_uuid(), mo."organizationId", ai."meetingId", ai.id, ${text('25 + ai."order"')}, 'IN_PROGRESS', now()
    FROM "AgendaItem" ai JOIN "MeetingOrganization" mo ON mo."meetingId" = ai."meetingId" WHERE ai."order" = 5`, [WORDS]);

  await generateLargeMeeting(db);
  await db.query('ANALYZE');
  const counts = (await db.query(`SELECT (SELECT count(*) FROM "Meeting") meetings, (SELECT count(*) FROM "AgendaItem") items,
    (SELECT count(*) FROM "Paper") papers, (SELECT count(*) FROM "Assignment") assignments`)).rows[0];
  console.log(`archive: ${counts.meetings} meetings, ${counts.items} agenda items, ${counts.papers} papers, ${counts.assignments} assignments; generated in ${((performance.now() - generation) / 1000).toFixed(1)} s`);
}

/** One large meeting for the minutes: many items with long protocols, everyone present; returns its id. */
export async function generateLargeMeeting(db: pg.Client): Promise<string> {
  const largeMeetingId = only((await db.query<{ id: string }>(`INSERT INTO "Meeting" (id, "bodyId", name, "meetingState", start, "openedAt", "closedAt", "locationId", "minuteTakerId", modified)
    VALUES (gen_random_uuid(), $1, 'Sitzung des Kreistages', 'FINISHED', '2024-12-12 15:00+01', '2024-12-12 15:02+01', '2024-12-12 21:40+01', $2, $3, now()) RETURNING id`,
    [seedIds.body, seedIds.location.kreishaus, seedIds.person.schumacher])).rows).id;
  await db.query(`INSERT INTO "MeetingOrganization" ("meetingId", "organizationId") VALUES ($1, $2)`, [largeMeetingId, seedIds.kreistag]);
  await db.query(`INSERT INTO "Attendance" (id, "meetingId", "personId", role, status, modified)
    SELECT gen_random_uuid(), $1, id, 'MEMBER', 'PRESENT', now() FROM "Person"`, [largeMeetingId]);
  await db.query(`INSERT INTO "AgendaItem" (id, "meetingId", number, "order", name, public, state, "protocolText", "resolutionText", modified)
    SELECT gen_random_uuid(), $2, i::text, i, ${text('6 + i % 3')}, i <= ${LARGE_MEETING_ITEMS - 20}, 'COMPLETED', ${text('400 + i % 7')}, ${text('60 + i % 5')}, now()
    FROM generate_series(1, ${LARGE_MEETING_ITEMS}) i`, [WORDS, largeMeetingId]);
  return largeMeetingId;
}
