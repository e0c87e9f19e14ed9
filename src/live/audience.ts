// Who reads a meeting's events, and how they count them. Readers who may see the closed session
// (nichtöffentlicher Teil) read every event, numbered by `sequence`; everyone else reads the
// public events, numbered by `publicSequence`: their own gapless numbering, assigned when the
// event is written, in which the closed session leaves no trace (not even how many ballots one
// of its votes had). A cursor names its meeting and its audience; a cursor of another audience
// is refused exactly like a malformed one, so it can be used neither to resume nor to probe.
import { mayReadNonPublic } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import { badInput } from '../errors.js';

export type EventAudience = 'public' | 'closedSession';

/** The meeting's organizations decide whose closed session it is. */
export interface MeetingScope {
  organizations: { organizationId: string }[];
}

export const audienceOf = (viewer: Viewer, meeting: MeetingScope): EventAudience =>
  mayReadNonPublic(viewer, meeting.organizations.map((organization) => organization.organizationId)) ? 'closedSession' : 'public';

/** The event's number in the audience's numbering; null: the audience does not read it. */
export const positionIn = (audience: EventAudience, event: { sequence: number; publicSequence: number | null }): number | null =>
  audience === 'public' ? event.publicSequence : event.sequence;

/** The MeetingEvent column that holds the audience's numbering. */
export const sequenceColumn = (audience: EventAudience) => (audience === 'public' ? 'publicSequence' : 'sequence');

const tags: Record<EventAudience, string> = { public: 'P', closedSession: 'C' };

export const encodeCursor = (meetingId: string, audience: EventAudience, position: number) =>
  Buffer.from(`MeetingEvent:${meetingId}:${tags[audience]}:${position}`).toString('base64url');

export function decodeCursor(cursor: string, meetingId: string, audience: EventAudience): number {
  const [type, id, tag, position] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (type !== 'MeetingEvent' || id !== meetingId || tag !== tags[audience] || !/^\d{1,9}$/.test(position ?? '')) {
    throw badInput('after is not a cursor of an event of this meeting.', 'after');
  }
  return Number(position);
}
