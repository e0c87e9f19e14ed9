// The visibility rule is said twice: as Prisma filters (every GraphQL path) and as SQL (full-text
// search). Over the same data, with hidden, public and deleted records of every kind search
// reads, both must select the same rows for every kind of reader.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { itemDetailsWhere, readable, readableSql, alive } from '../src/access/visibility.js';
import { anonymous, type Viewer } from '../src/access/viewer.js';
import { SqlParams } from '../src/db/sql-params.js';
import { seedIds } from '../src/seed/ids.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;

const viewers: Record<string, Viewer> = {
  anonymous,
  outsider: { signedIn: true, roles: ['member'], organizationIds: [seedIds.kreistag] },
  member: { signedIn: true, roles: ['member'], organizationIds: [seedIds.committee] },
  display: { signedIn: true, roles: [], organizationIds: [seedIds.committee] },
  clerk: { signedIn: true, roles: ['clerk'], organizationIds: [] },
};

/** The Prisma rule each SQL twin stands for: model, table and filter. */
const twins: Record<keyof typeof readableSql, { model: string; table: string; where: (viewer: Viewer) => object }> = {
  meeting: { model: 'meeting', table: 'Meeting', where: readable.meeting },
  agendaItem: { model: 'agendaItem', table: 'AgendaItem', where: readable.agendaItem },
  agendaItemDetails: { model: 'agendaItem', table: 'AgendaItem', where: (viewer) => ({ AND: [alive, itemDetailsWhere(viewer)] }) },
  paper: { model: 'paper', table: 'Paper', where: readable.paper },
  assignment: { model: 'assignment', table: 'Assignment', where: readable.assignment },
  file: { model: 'file', table: 'File', where: readable.file },
};

beforeAll(async () => {
  server = await startTestServer();
  const prisma = server.services.db.prisma;
  const item8 = seedIds.agendaItem['8'];
  const publicItem = seedIds.agendaItem['3'];
  const sub = await prisma.agendaItem.create({ data: { meetingId: seedIds.meeting2024, parentId: seedIds.agendaItem['6'], number: '6.9', order: 61, name: 'Vertrag', public: false } });
  await prisma.agendaItem.create({ data: { meetingId: seedIds.meeting2024, number: '99', order: 99, name: 'Entfernt', public: false, deleted: true } });
  const hiddenPaper = await prisma.paper.create({ data: { bodyId: seedIds.body, name: 'Nur nichtöffentlich', consultations: { create: { agendaItemId: sub.id, meetingId: seedIds.meeting2024 } } } });
  const mixedPaper = await prisma.paper.create({
    data: { bodyId: seedIds.body, name: 'Öffentlich und nichtöffentlich', consultations: { create: [{ agendaItemId: item8 }, { agendaItemId: publicItem }] } },
  });
  const loosePaper = await prisma.paper.create({ data: { bodyId: seedIds.body, name: 'Ohne Beratung' } });
  await prisma.paper.create({ data: { bodyId: seedIds.body, name: 'Gelöscht', deleted: true } });
  const targets = [
    {}, { agendaItemId: item8 }, { agendaItemId: publicItem }, { agendaItemId: sub.id }, { paperId: hiddenPaper.id }, { paperId: mixedPaper.id },
    { paperId: loosePaper.id, agendaItemId: item8 }, { paperId: hiddenPaper.id, agendaItemId: publicItem },
  ];
  for (const [index, target] of targets.entries()) {
    for (const deleted of [false, true]) {
      await prisma.file.create({ data: { name: `Datei ${index}`, deleted, ...target } });
      await prisma.assignment.create({ data: { organizationId: seedIds.committee, text: `Auftrag ${index}`, status: 'IN_PROGRESS', deleted, ...target } });
    }
  }
  await prisma.meeting.create({ data: { bodyId: seedIds.body, name: 'Gelöschte Sitzung', deleted: true } });
});
afterAll(() => server?.stop());

it.each(Object.entries(viewers))('selects the same rows by the Prisma rule and by its SQL twin for a %s reader', async (who, viewer) => {
  for (const [name, { model, table, where }] of Object.entries(twins)) {
    const delegate = (server.services.db.prisma as unknown as Record<string, { findMany(args: object): Promise<{ id: string }[]> }>)[model];
    if (!delegate) throw new Error(`No Prisma model ${model}`);
    const byPrisma = (await delegate.findMany({ where: where(viewer), select: { id: true } })).map((row) => row.id).sort();
    const params = new SqlParams();
    const rows = await server.services.db.session.query<{ id: string }>(
      `SELECT x."id" FROM "${table}" x WHERE ${readableSql[name as keyof typeof readableSql](viewer, 'x', params)}`,
      params.values,
    );
    const bySql = rows.map((row) => row.id).sort();
    expect(bySql, `${name} for ${who}`).toEqual(byPrisma);
    const all = await delegate.findMany({ select: { id: true } });
    // Every rule leaves something out for someone (deleted rows at least), so the comparison is not vacuous.
    expect(byPrisma.length, `${name} for ${who}`).toBeLessThan(all.length);
  }
});
