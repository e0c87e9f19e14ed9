import { builder } from './builder.js';
import { Person } from './person.js';
import type { Viewer as ViewerShape } from '../access/viewer.js';

export const Role = builder.enumType('Role', {
  description: 'A role carried by the bearer token.',
  values: {
    MEMBER: { value: 'member', description: 'A council member: votes, and reads the closed sessions of the organizations they belong to.' },
    CLERK: { value: 'clerk', description: 'Staff of the council office: writes the archive and runs meetings; reads everything.' },
    ADMIN: { value: 'admin', description: 'Like a clerk.' },
  } as const,
});

export const Viewer = builder.objectRef<ViewerShape>('Viewer').implement({
  description: 'Who the bearer token says is asking: person and roles.',
  fields: (t) => ({
    person: t.prismaField({
      type: Person,
      nullable: true,
      description: 'The signed-in person; null for a display token, which names none.',
      resolve: (query, viewer, _args, ctx) =>
        viewer.personId ? ctx.prisma.person.findUnique({ ...query, where: { id: viewer.personId } }) : null,
    }),
    roles: t.field({ type: [Role], description: 'The token\'s roles.', resolve: (viewer) => viewer.roles }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, description: 'When the token expires (UTC).', resolve: (viewer) => viewer.expiresAt ?? null }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    nullable: true,
    description: 'Who is asking; null when anonymous.',
    resolve: (_root, _args, ctx) => (ctx.viewer.signedIn ? ctx.viewer : null),
  }),
);
