// The migrations of the live layer keep the events of meetings recorded before them: the kinds
// convert to the enum, and the public events get their own gapless numbering.
import { describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '../src/db/migrate.js';
import { openPGlite, pgliteSession } from '../src/db/pglite.js';

const body = '00000000-0000-4000-8000-000000000001';
const meeting = '00000000-0000-4000-8000-000000000002';
const publicItem = '00000000-0000-4000-8000-000000000003';
const closedItem = '00000000-0000-4000-8000-000000000004';

describe('migrating a database with recorded meetings', () => {
  it('converts the kinds and numbers the public events without gaps', async () => {
    const pglite = await openPGlite();
    try {
      const migrations = await readMigrations();
      const before = migrations.findIndex((migration) => migration.name.endsWith('_public_event_sequence'));
      expect(before).toBeGreaterThan(0);
      await applyMigrations(pgliteSession(pglite), migrations.slice(0, before));
      await pglite.exec(`
        INSERT INTO "Body" (id, name, modified) VALUES ('${body}', 'Kreis', now());
        INSERT INTO "Meeting" (id, "bodyId", name, modified, "eventSequence") VALUES ('${meeting}', '${body}', 'Sitzung', now(), 6);
        INSERT INTO "AgendaItem" (id, "meetingId", "order", name, public, modified) VALUES
          ('${publicItem}', '${meeting}', 1, 'Öffentlich', true, now()), ('${closedItem}', '${meeting}', 2, 'Nichtöffentlich', false, now());
        INSERT INTO "MeetingEvent" (id, "meetingId", sequence, kind, payload) VALUES
          (gen_random_uuid(), '${meeting}', 1, 'MeetingStarted', '{}'),
          (gen_random_uuid(), '${meeting}', 2, 'AgendaItemStarted', '{"agendaItemId": "${publicItem}"}'),
          (gen_random_uuid(), '${meeting}', 3, 'AgendaItemStarted', '{"agendaItemId": "${closedItem}"}'),
          (gen_random_uuid(), '${meeting}', 4, 'AgendaItemCompleted', '{"agendaItemId": "${closedItem}"}'),
          (gen_random_uuid(), '${meeting}', 5, 'QuorumChanged', '{"present": 8, "seats": 15}'),
          (gen_random_uuid(), '${meeting}', 6, 'MeetingEnded', '{}');
      `);
      await applyMigrations(pgliteSession(pglite));

      const events = await pglite.query<{ sequence: number; publicSequence: number | null; kind: string }>(
        `SELECT sequence, "publicSequence", kind::text AS kind FROM "MeetingEvent" ORDER BY sequence`,
      );
      expect(events.rows).toEqual([
        { sequence: 1, publicSequence: 1, kind: 'MeetingStarted' },
        { sequence: 2, publicSequence: 2, kind: 'AgendaItemStarted' },
        { sequence: 3, publicSequence: null, kind: 'AgendaItemStarted' },
        { sequence: 4, publicSequence: null, kind: 'AgendaItemCompleted' },
        { sequence: 5, publicSequence: 3, kind: 'QuorumChanged' },
        { sequence: 6, publicSequence: 4, kind: 'MeetingEnded' },
      ]);
      const heads = await pglite.query(`SELECT "eventSequence", "publicEventSequence" FROM "Meeting"`);
      expect(heads.rows).toEqual([{ eventSequence: 6, publicEventSequence: 4 }]);
    } finally {
      await pglite.close();
    }
  });
});
