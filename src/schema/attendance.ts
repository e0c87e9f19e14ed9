import { AttendanceRole as AttendanceRoleValues, AttendanceStatus as AttendanceStatusValues } from '../generated/prisma/enums.js';
import { builder } from './builder.js';

export const AttendanceRole = builder.enumType(AttendanceRoleValues, { name: 'AttendanceRole' });
export const AttendanceStatus = builder.enumType(AttendanceStatusValues, { name: 'AttendanceStatus' });

/** A person at a meeting: in which role, present or not, from when to when, for whom. */
export const Attendance = builder.prismaNode('Attendance', {
  id: { field: 'id' },
  fields: (t) => ({
    meeting: t.relation('meeting'),
    person: t.relation('person'),
    role: t.expose('role', { type: AttendanceRole }),
    status: t.expose('status', { type: AttendanceStatus }),
    arrivedAt: t.expose('arrivedAt', { type: 'DateTime', nullable: true, description: 'Set when the person came late.' }),
    leftAt: t.expose('leftAt', { type: 'DateTime', nullable: true, description: 'Set when the person left early.' }),
    substituteFor: t.relation('substituteFor', { nullable: true, description: 'The member this substitute stands in for.' }),
    affiliation: t.exposeString('affiliation', { nullable: true, description: 'e.g. "KRZN" for a guest.' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});
