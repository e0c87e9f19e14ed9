// Per request: whether the viewer reads a meeting's non-public part (nichtöffentlicher Teil), for
// fields that need it of many meetings of one response (speakers' lists, event cursors). Staff
// read every one and a viewer of no organization none, without asking; for a member, the
// memberships of all the response's meetings are asked at once (src/access/visibility.ts).
import DataLoader from 'dataloader';
import { closedSessionsReadBy, judgedByMembership } from '../access/visibility.js';
import { isStaff } from '../access/viewer.js';
import type { Context } from './context.js';

const readers = new WeakMap<Context, DataLoader<string, boolean>>();

export async function readsClosedSession(ctx: Context, meetingId: string): Promise<boolean> {
  if (isStaff(ctx.viewer)) return true;
  if (!judgedByMembership(ctx.viewer)) return false;
  let reader = readers.get(ctx);
  if (!reader) readers.set(ctx, (reader = new DataLoader((meetingIds) => closedSessionsReadBy(ctx.prisma, ctx.viewer, meetingIds))));
  return reader.load(meetingId);
}
