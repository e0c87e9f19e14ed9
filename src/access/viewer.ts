// Who is asking. Built once per request (or subscription) from the bearer token; the
// organizations the person currently belongs to are loaded here once, so that every
// visibility rule in ./visibility.ts can be decided without further queries.
import DataLoader from 'dataloader';
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
  const memberOf = personId ? await currentOrganizations(prisma).load(personId) : [];
  const granted = claims.organizationGlobalIds.map((globalId) => organizationIdOf(globalId));
  return {
    signedIn: true,
    personId,
    roles: claims.roles,
    organizationIds: [...new Set([...memberOf, ...granted])],
    expiresAt: claims.expiresAt,
  };
}

const loaders = new WeakMap<PrismaClient, DataLoader<string, string[]>>();

/**
 * The organizations of each person's current memberships, for all requests that arrive together:
 * one query is in flight at a time, and whatever arrives meanwhile goes into the next (as the
 * ballot box's group commit), so a burst of 2,000 signed-in requests costs a few queries, not one
 * per handful of requests taken up in a turn (src/server/turns.ts): 338 queries for 2,000
 * `{ __typename }` before. Nothing is cached between batches, so an ended membership counts from
 * the next request.
 */
function currentOrganizations(prisma: PrismaClient): DataLoader<string, string[]> {
  let loader = loaders.get(prisma);
  if (!loader) {
    let inFlight: Promise<unknown> = Promise.resolve();
    loader = new DataLoader(
      (personIds) => {
        const batch = organizationsOf(prisma, personIds);
        inFlight = batch.catch(() => undefined);
        return batch;
      },
      // Requests arrive one I/O callback each (after their token's verification), not in one
      // tick: a batch collects what arrives until the event loop has handled the pending I/O and
      // the batch before it is answered (DataLoader's default batches a single tick).
      { cache: false, maxBatchSize: 1000, batchScheduleFn: (dispatch) => setImmediate(() => void inFlight.then(dispatch)) },
    );
    loaders.set(prisma, loader);
  }
  return loader;
}

async function organizationsOf(prisma: PrismaClient, personIds: readonly string[]): Promise<string[][]> {
  const today = new Date().toISOString().slice(0, 10);
  // The IDs as one JSON parameter: one statement text (prepared once per connection) whatever the
  // batch's size, where an IN list of Prisma's was a new text for each size; and a raw query skips
  // the client's query interpretation, which cost more than the statement.
  const memberships = await prisma.$queryRaw<{ personId: string; organizationId: string }[]>`
    SELECT "personId"::text AS "personId", "organizationId"::text AS "organizationId"
    FROM "Membership"
    WHERE "personId" IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(personIds)}::json))
      AND NOT deleted AND ("endDate" IS NULL OR "endDate" >= ${today}::date)`;
  const byPerson = new Map(personIds.map((personId) => [personId, [] as string[]]));
  for (const membership of memberships) byPerson.get(membership.personId)?.push(membership.organizationId);
  return personIds.map((personId) => byPerson.get(personId) ?? []);
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
