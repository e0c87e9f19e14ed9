// Calendar feeds in GraphQL: Meeting.calendarUrl, and the member's personal feed link.
import { builder } from './builder.js';
import { mutation } from './descriptions.js';
import { Meeting } from './meeting.js';
import { meetingFeedPath } from '../calendar/route.js';
import { createCalendarToken, personalFeedPath, revokeCalendarToken } from '../calendar/tokens.js';

builder.prismaObjectField(Meeting, 'calendarUrl', (t) =>
  t.string({
    description:
      'This meeting as iCalendar (text/calendar, times in Europe/Berlin): import it, or subscribe to follow changes and a cancellation. ' +
      'GET /calendar.ics lists all meetings (filters organizationId, from, to); see createCalendarToken for the non-public part.',
    resolve: (meeting, _args, ctx) => `${ctx.services.config.publicUrl}${meetingFeedPath(meeting.id)}`,
  }),
);

const CalendarToken = builder.objectRef<{ token: string; created: Date }>('CalendarToken').implement({
  description: 'A personal calendar link, as made by createCalendarToken. The link is shown only then: only a hash of it is kept.',
  fields: (t) => ({
    url: t.string({
      description:
        'The personal feed: the public meetings plus the non-public agenda items the person may read (as members of the organizations). ' +
        'Accepts the filters of /calendar.ics. Secret: whoever has it reads the feed. Works until revoked or replaced.',
      resolve: ({ token }, _args, ctx) => `${ctx.services.config.publicUrl}${personalFeedPath(token)}`,
    }),
    created: t.expose('created', { type: 'DateTime', description: 'When the link was made (UTC).' }),
  }),
});

const SIGNED_IN = 'Signed-in persons (a token naming a Person), for themselves.';

builder.mutationFields((t) => ({
  createCalendarToken: t.field({
    type: CalendarToken,
    description: mutation('A new personal calendar link for the signed-in person, shown only in this answer. The person\'s earlier link stops working.', [], SIGNED_IN),
    // A member's write to their own link, like castBallot: not a write of the archive.
    skipTypeScopes: true,
    authScopes: { person: true },
    resolve: (_root, _args, ctx) => createCalendarToken(ctx.prisma, ctx.viewer.personId!), // the person scope above
  }),
  revokeCalendarToken: t.boolean({
    description: mutation('The signed-in person\'s calendar link stops working (its feed answers 401 UNAUTHENTICATED). False if there was none.', [], SIGNED_IN),
    skipTypeScopes: true,
    authScopes: { person: true },
    resolve: (_root, _args, ctx) => revokeCalendarToken(ctx.prisma, ctx.viewer.personId!),
  }),
}));
