// Who is asking. Built once per request (or subscription) from the bearer token; the
// organizations the person currently belongs to are loaded here once, so that every
// visibility rule in ./visibility.ts can be decided without further queries.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Claims, Role } from '../auth/token.js';
import { unauthenticated } from '../errors.js';
import { idOf } from '../global-id.js';

export interface Viewer {
  /** Whether the request carried a valid token (a display token names no person). */
  signedIn: boolean;
  personId?: string;
  roles: Role[];
  /** Organizations of the person's current memberships, and those a display token names. */
  organizationIds: string[];
  expiresAt?: Date;
}

export const anonymous: Viewer = { signedIn: false, roles: [], organizationIds: [] };

export async function viewerFromClaims(prisma: PrismaClient, claims: Claims): Promise<Viewer> {
  const personId = claims.personGlobalId ? personIdOf(claims.personGlobalId) : undefined;
  const today = new Date(new Date().toISOString().slice(0, 10));
  const memberships = personId
    ? await prisma.membership.findMany({
        where: { personId, deleted: false, OR: [{ endDate: null }, { endDate: { gte: today } }] },
        select: { organizationId: true },
      })
    : [];
  const granted = claims.organizationGlobalIds.map((globalId) => organizationIdOf(globalId));
  return {
    signedIn: true,
    personId,
    roles: claims.roles,
    organizationIds: [...new Set([...memberships.map((membership) => membership.organizationId), ...granted])],
    expiresAt: claims.expiresAt,
  };
}

function idOfClaim(globalId: string, typename: string, problem: string): string {
  try {
    return idOf(globalId, typename, 'token');
  } catch {
    throw unauthenticated(problem);
  }
}

const personIdOf = (globalId: string) => idOfClaim(globalId, 'Person', 'The token does not name a person (sub must be a Person ID).');
const organizationIdOf = (globalId: string) =>
  idOfClaim(globalId, 'Organization', 'The token names something other than an organization in `organizations`.');

export const isStaff = (viewer: Viewer) => viewer.roles.includes('clerk') || viewer.roles.includes('admin');
