import type { PrismaClient } from '../generated/prisma/client.js';
import { badInput, notFound } from '../errors.js';
import { idOf } from '../global-id.js';

/** The body a new record belongs to: the one named, or the only one there is. */
export async function bodyIdFor(prisma: PrismaClient, globalId: string | null | undefined): Promise<string> {
  if (globalId) {
    const id = idOf(globalId, 'Body', 'bodyId');
    if (!(await prisma.body.findFirst({ where: { id, deleted: false }, select: { id: true } }))) throw notFound('Body');
    return id;
  }
  const bodies = await prisma.body.findMany({ where: { deleted: false }, select: { id: true }, take: 2 });
  const [only, other] = bodies;
  if (!only || other) throw badInput('bodyId is required when there is not exactly one body.', 'bodyId');
  return only.id;
}
