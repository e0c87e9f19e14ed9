import { AttendanceRole as AttendanceRoleValues, AttendanceStatus as AttendanceStatusValues } from '../generated/prisma/enums.js';
import { builder } from './builder.js';
import { MODIFIED } from './descriptions.js';
import { readableNode } from './readable-node.js';

export const AttendanceRole = builder.enumType(AttendanceRoleValues, {
  name: 'AttendanceRole',
  description: 'In which capacity a person takes part in a meeting.',
  values: {
    CHAIR: { description: 'Chairs the meeting (Vorsitz); votes if a voting member.' },
    MEMBER: { description: 'A member of the meeting\'s organization.' },
    SUBSTITUTE: { description: 'Stands in for an absent member (Vertretung), with that member\'s vote.' },
    ADMINISTRATION: { description: 'From the administration (Verwaltung); does not vote.' },
    MINUTE_TAKER: { description: 'Takes the minutes (Schriftführung); does not vote.' },
    GUEST: { description: 'A guest, e.g. a speaker of another institution; does not vote.' },
  },
});
export const AttendanceStatus = builder.enumType(AttendanceStatusValues, {
  name: 'AttendanceStatus',
  description: 'Whether a person is at the meeting.',
  values: {
    PRESENT: { description: 'Present (anwesend), from arrivedAt if set.' },
    ABSENT: { description: 'Not present, or left (leftAt), without excuse.' },
    EXCUSED: { description: 'Excused in advance (entschuldigt).' },
  },
});

/** A person at a meeting: in which role, present or not, from when to when, for whom. */
export const Attendance = builder.prismaNode('Attendance', {
  description: 'A person at a meeting (Anwesenheit): in which role, present or not, from when to when, for whom. Public.',
  ...readableNode('attendance', { role: true, status: true, affiliation: true }),
  fields: (t) => ({
    meeting: t.relation('meeting', { description: 'The meeting.' }),
    person: t.relation('person', { description: 'The person attending (or excused).' }),
    role: t.expose('role', { type: AttendanceRole, description: 'In which capacity.' }),
    status: t.expose('status', { type: AttendanceStatus, description: 'Present, absent or excused.' }),
    arrivedAt: t.expose('arrivedAt', { type: 'DateTime', nullable: true, description: 'When the person arrived (UTC), set when they came after the opening.' }),
    leftAt: t.expose('leftAt', { type: 'DateTime', nullable: true, description: 'When the person left (UTC), set when they left before the end.' }),
    substituteFor: t.relation('substituteFor', { nullable: true, description: 'The member this substitute stands in for.' }),
    affiliation: t.exposeString('affiliation', { nullable: true, description: 'e.g. "KRZN" for a guest.' }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});
