// Writes the seed data set (./data.ts) in one interactive transaction, once: when the Body with its
// fixed id exists already, nothing is written and false is returned. A transaction-scoped advisory
// lock serializes parallel starts, so two instances cannot both find the seed missing and collide.
import type { PrismaClient } from '../generated/prisma/client.js';
import { seedData } from './data.js';
import { seedIds } from './ids.js';

export { seedIds, seedUuid } from './ids.js';
export { seedData } from './data.js';

const SEED_LOCK_KEY = 72707370; // arbitrary, constant: "council seed" (next to the migration lock)

export async function seedDatabase(prisma: PrismaClient): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      const existing = await tx.body.findUnique({ where: { id: seedIds.body }, select: { id: true } });
      if (existing) return false;

      const d = seedData;
      await tx.body.create({ data: d.body });
      // Rows referencing others come after them (organizations are ordered parents first).
      await tx.organization.createMany({ data: d.organizations });
      await tx.person.createMany({ data: d.persons });
      await tx.membership.createMany({ data: d.memberships });
      await tx.location.createMany({ data: d.locations });
      await tx.meeting.createMany({ data: d.meetings });
      await tx.meetingOrganization.createMany({ data: d.meetingOrganizations });
      await tx.meetingSignatory.createMany({ data: d.meetingSignatories });
      await tx.attendance.createMany({ data: d.attendances });
      await tx.paper.createMany({ data: d.papers });
      await tx.paperOriginatorOrganization.createMany({ data: d.paperOriginatorOrganizations });
      await tx.agendaItem.createMany({ data: d.agendaItems });
      await tx.consultation.createMany({ data: d.consultations });
      await tx.consultationOrganization.createMany({ data: d.consultationOrganizations });
      await tx.file.createMany({ data: d.files });
      await tx.vote.createMany({ data: d.votes });
      await tx.assignment.createMany({ data: d.assignments });
      await tx.statusReport.createMany({ data: d.statusReports });
      return true;
    },
    // In-process PGlite is slow on a cold start; the default 5 s would be tight.
    { maxWait: 30_000, timeout: 60_000 },
  );
}
