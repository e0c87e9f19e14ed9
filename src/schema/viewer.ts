import { builder } from './builder.js';
import { Person } from './person.js';
import type { Viewer as ViewerShape } from '../access/viewer.js';

export const Role = builder.enumType('Role', { values: { MEMBER: { value: 'member' }, CLERK: { value: 'clerk' }, ADMIN: { value: 'admin' } } as const });

export const Viewer = builder.objectRef<ViewerShape>('Viewer').implement({
  description: 'The signed-in person and roles.',
  fields: (t) => ({
    person: t.prismaField({
      type: Person,
      nullable: true,
      resolve: (query, viewer, _args, ctx) =>
        viewer.personId ? ctx.prisma.person.findUnique({ ...query, where: { id: viewer.personId } }) : null,
    }),
    roles: t.field({ type: [Role], resolve: (viewer) => viewer.roles }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (viewer) => viewer.expiresAt ?? null }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    nullable: true,
    description: 'Null when anonymous.',
    resolve: (_root, _args, ctx) => (ctx.viewer.signedIn ? ctx.viewer : null),
  }),
);
