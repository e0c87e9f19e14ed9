// `node`/`nodes` load any record by ID; records that hang off an agenda item are checked
// against the rule in ./visibility.ts before they are returned.
import type { PrismaClient } from '../generated/prisma/client.js';
import { attachedToReadableItemWhere, readableConsultationWhere, readableFileWhere, readablePaperWhere, readableVoteWhere } from './visibility.js';
import type { Viewer } from './viewer.js';

type Check = (prisma: PrismaClient, viewer: Viewer, id: string) => Promise<boolean>;

const exists = (count: Promise<number>) => count.then((n) => n > 0);

/** Soft-deleted records are gone for every reader. */
const notDeleted = (model: 'body' | 'legislativeTerm' | 'organization' | 'person' | 'membership' | 'location' | 'meeting' | 'agendaItem'): Check =>
  (prisma, _viewer, id) => exists((prisma[model] as unknown as { count(args: object): Promise<number> }).count({ where: { id, deleted: false } }));

const checks: Record<string, Check> = {
  Body: notDeleted('body'),
  LegislativeTerm: notDeleted('legislativeTerm'),
  Organization: notDeleted('organization'),
  Person: notDeleted('person'),
  Membership: notDeleted('membership'),
  Location: notDeleted('location'),
  Meeting: notDeleted('meeting'),
  AgendaItem: notDeleted('agendaItem'),
  Vote: (prisma, viewer, id) => exists(prisma.vote.count({ where: { id, ...readableVoteWhere(viewer) } })),
  Ballot: (prisma, viewer, id) =>
    exists(prisma.ballot.count({ where: { id, OR: [{ personId: viewer.personId ?? '' }, { vote: { state: 'CLOSED', ...readableVoteWhere(viewer) } }] } })),
  File: (prisma, viewer, id) => exists(prisma.file.count({ where: { AND: [{ id, deleted: false }, readableFileWhere(viewer)] } })),
  Consultation: (prisma, viewer, id) => exists(prisma.consultation.count({ where: { AND: [{ id, deleted: false }, readableConsultationWhere(viewer)] } })),
  Assignment: (prisma, viewer, id) => exists(prisma.assignment.count({ where: { id, deleted: false, ...attachedToReadableItemWhere(viewer) } })),
  Paper: (prisma, viewer, id) => exists(prisma.paper.count({ where: { AND: [{ id, deleted: false }, readablePaperWhere(viewer)] } })),
};

export async function mayReadNode(prisma: PrismaClient, viewer: Viewer, typename: string, id: string): Promise<boolean> {
  const check = checks[typename];
  return check ? check(prisma, viewer, id) : true;
}
