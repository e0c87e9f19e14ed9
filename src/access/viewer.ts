// Who is asking. Built once per request (or subscription) from the bearer token; the
// organizations the person currently belongs to are loaded here once, so that every
// visibility rule in ./visibility.ts can be decided without further queries.
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Claims, Role } from '../auth/token.js';
import { forbidden, unauthenticated } from '../errors.js';

export interface Viewer {
  personId?: string;
  roles: Role[];
  /** Organizations of the person's current memberships. */
  organizationIds: string[];
  expiresAt?: Date;
}

export const anonymous: Viewer = { roles: [], organizationIds: [] };

export async function viewerFromClaims(prisma: PrismaClient, claims: Claims): Promise<Viewer> {
  const personId = claims.personGlobalId ? personIdOf(claims.personGlobalId) : undefined;
  const today = new Date(new Date().toISOString().slice(0, 10));
  const memberships = personId
    ? await prisma.membership.findMany({
        where: { personId, deleted: false, OR: [{ endDate: null }, { endDate: { gte: today } }] },
        select: { organizationId: true },
      })
    : [];
  return {
    personId,
    roles: claims.roles,
    organizationIds: [...new Set(memberships.map((membership) => membership.organizationId))],
    expiresAt: claims.expiresAt,
  };
}

function personIdOf(globalId: string): string {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    if (typename === 'Person') return id;
  } catch {
    // fall through
  }
  throw unauthenticated('The token does not name a person (sub must be a Person ID).');
}

export const isStaff = (viewer: Viewer) => viewer.roles.includes('clerk') || viewer.roles.includes('admin');

/** Writes to the archive and running a meeting are for clerks and admins. */
export function requireStaff(viewer: Viewer): void {
  if (!viewer.personId && viewer.roles.length === 0) throw unauthenticated('Sign in as a clerk to do this.');
  if (!isStaff(viewer)) throw forbidden('Only clerks and admins may do this.');
}
