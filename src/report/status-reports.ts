// "Stand der Ausführung" is appended, never overwritten: each report is a new StatusReport, and
// Assignment.status mirrors the newest one (by date, then by entry), in the same transaction.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { AssignmentStatus } from '../generated/prisma/enums.js';
import { notFound } from '../errors.js';

export async function reportAssignmentStatus(
  prisma: PrismaClient,
  assignmentId: string,
  report: { status: AssignmentStatus; text: string; date: Date },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // Row lock: two reports at once must not leave the mirror on the older one.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Assignment" WHERE "id" = ${assignmentId}::uuid AND NOT "deleted" FOR UPDATE`;
    if (!locked.length) throw notFound('Assignment');
    await tx.statusReport.create({ data: { assignmentId, ...report } });
    const newest = await tx.statusReport.findFirstOrThrow({ where: { assignmentId }, orderBy: [{ date: 'desc' }, { created: 'desc' }] });
    await tx.assignment.update({ where: { id: assignmentId }, data: { status: newest.status } });
  });
}
