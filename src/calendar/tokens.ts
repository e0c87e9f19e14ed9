// Personal calendar tokens: a calendar app cannot send an Authorization header, so a member's
// feed is addressed by a long random token in its URL. Only its SHA-256 is stored; the URL is
// shown once, when it is made. A person has one at a time: a new one revokes the one before.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import { viewerFromClaims, type Viewer } from '../access/viewer.js';
import { globalIdOf } from '../global-id.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Path of a personal feed; the token is base64url, so it needs no escaping. */
export const personalFeedPath = (token: string) => `/calendar/${token}.ics`;

export async function createCalendarToken(prisma: PrismaClient, personId: string): Promise<{ token: string; created: Date }> {
  const token = randomBytes(32).toString('base64url');
  const [, row] = await prisma.$transaction([
    prisma.calendarToken.updateMany({ where: { personId, revokedAt: null }, data: { revokedAt: new Date() } }),
    prisma.calendarToken.create({ data: { personId, tokenHash: hashOf(token) }, select: { created: true } }),
  ]);
  return { token, created: row.created };
}

/** Revokes the person's token; whether there was one. */
export async function revokeCalendarToken(prisma: PrismaClient, personId: string): Promise<boolean> {
  const { count } = await prisma.calendarToken.updateMany({ where: { personId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
}

export type TokenHolder = { viewer: Viewer } | { refused: 'unknown' | 'revoked' };

/**
 * The reader a token stands for: its person with the organizations of the person's current
 * memberships, as a signed-in member token without roles would be. Roles (clerk, admin) come
 * with a signed token and are not the person's, so they do not reach the feed.
 */
export async function calendarTokenHolder(prisma: PrismaClient, token: string): Promise<TokenHolder> {
  const row = await prisma.calendarToken.findUnique({ where: { tokenHash: hashOf(token) }, select: { revokedAt: true, person: { select: { id: true, deleted: true } } } });
  if (!row) return { refused: 'unknown' };
  if (row.revokedAt || row.person.deleted) return { refused: 'revoked' };
  return { viewer: await viewerFromClaims(prisma, { personGlobalId: globalIdOf('Person', row.person.id), roles: [], organizationGlobalIds: [] }) };
}
