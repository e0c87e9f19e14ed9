// Who is asking. Built once per request (or subscription) from the bearer token; the
// organizations the person currently belongs to are loaded here once, so that every
// visibility rule in ./visibility.ts can be decided without further queries.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Claims, Role } from '../auth/token.js';
import { unauthenticated } from '../errors.js';
import { idOf } from '../global-id.js';
import { GroupCommit } from '../live/group-commit.js';

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
  const memberOf = personId ? await currentOrganizations(prisma).submit('', personId) : [];
  const granted = claims.organizationGlobalIds.map((globalId) => organizationIdOf(globalId));
  return {
    signedIn: true,
    personId,
    roles: claims.roles,
    organizationIds: [...new Set([...memberOf, ...granted])],
    expiresAt: claims.expiresAt,
  };
}

/** Persons whose organizations one statement reads; more wait for the next. */
const MAX_BATCH = 1000;

/**
 * During a burst of signed-in requests a lookup starts at most every 10 ms: taken up a handful per
 * turn, 2,000 requests at once cost some 200 statements one after the other.
 */
const LOOKUP_SPACING_MS = 10;

const lookups = new WeakMap<PrismaClient, GroupCommit<string, string[]>>();

/**
 * The organizations of each person's current memberships, for all requests that arrive together
 * (as the ballot box's group commit): one statement is in flight at a time, and whatever arrives
 * meanwhile goes into the next, so a burst of 2,000 signed-in requests costs a few statements,
 * not one per request. Nothing is cached between batches, so an ended membership counts from the
 * next request.
 */
function currentOrganizations(prisma: PrismaClient): GroupCommit<string, string[]> {
  let lookup = lookups.get(prisma);
  if (!lookup) {
    lookup = new GroupCommit<string, string[]>(
      MAX_BATCH,
      async (_, batch) => {
        const byPerson = await organizationsOf(prisma, [...new Set(batch.map(({ request }) => request))]);
        for (const pending of batch) pending.done(byPerson.get(pending.request) ?? []);
      },
      LOOKUP_SPACING_MS,
    );
    lookups.set(prisma, lookup);
  }
  return lookup;
}

async function organizationsOf(prisma: PrismaClient, personIds: string[]): Promise<Map<string, string[]>> {
  const today = new Date().toISOString().slice(0, 10);
  // The IDs as one JSON parameter: one statement text (prepared once per connection) whatever the
  // batch's size, where an IN list of Prisma's was a new text for each size; and a raw query skips
  // the client's query interpretation, which cost more than the statement.
  const memberships = await prisma.$queryRaw<{ personId: string; organizationId: string }[]>`
    SELECT "personId"::text AS "personId", "organizationId"::text AS "organizationId"
    FROM "Membership"
    WHERE "personId" IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(personIds)}::json))
      AND NOT deleted AND ("endDate" IS NULL OR "endDate" >= ${today}::date)`;
  const byPerson = new Map<string, string[]>();
  for (const { personId, organizationId } of memberships) {
    const organizations = byPerson.get(personId);
    if (organizations) organizations.push(organizationId);
    else byPerson.set(personId, [organizationId]);
  }
  return byPerson;
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

/**
 * What the visibility rules (./visibility.ts) and the auth scopes (src/schema/builder.ts) read of
 * a viewer: staff see everything, everyone else what their organizations allow, and a person
 * their own ballot. Viewers with equal keys get equal answers (shared subscriptions, the response
 * cache); the token's expiry is each viewer's own.
 */
export const audienceKeyOf = (viewer: Viewer): string =>
  JSON.stringify(isStaff(viewer) ? ['staff', viewer.personId ?? null] : [viewer.signedIn, [...viewer.organizationIds].sort(), viewer.personId ?? null]);
