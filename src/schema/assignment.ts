import { readable } from '../access/visibility.js';
import { AssignmentKind as AssignmentKindValues, AssignmentStatus as AssignmentStatusValues } from '../generated/prisma/enums.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Viewer } from '../access/viewer.js';
import { builder } from './builder.js';
import { CREATED, MODIFIED } from './descriptions.js';
import type { Context } from './context.js';
import { idOf } from '../global-id.js';
import { readableNode } from './readable-node.js';
import { chronological } from './validate.js';
import { dayAfter } from '../period.js';

export const AssignmentKind = builder.enumType(AssignmentKindValues, {
  name: 'AssignmentKind',
  description: 'What the administration was charged with.',
  values: {
    RESOLUTION: { description: 'To carry out a resolution (Beschluss).' },
    REVIEW: { description: 'To examine something (Prüfauftrag).' },
    WORK: { description: 'To do or report something (Arbeitsauftrag).' },
  },
});
export const AssignmentStatus = builder.enumType(AssignmentStatusValues, {
  name: 'AssignmentStatus',
  description: 'How far an assignment has been carried out.',
  values: {
    DONE: { description: 'Carried out (erledigt).' },
    IN_PROGRESS: { description: 'Being carried out (in Bearbeitung).' },
    NOT_FEASIBLE: { description: 'Cannot be carried out (nicht umsetzbar).' },
  },
});

export const StatusReport = builder.prismaObject('StatusReport', {
  description: 'A report on the execution of an assignment (Stand der Ausführung), appended, never changed.',
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: 'The day of the report.' }),
    status: t.expose('status', { type: AssignmentStatus, description: 'The status it reports.' }),
    text: t.exposeString('text', { description: 'Stand der Ausführung mit kurzer Begründung.' }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
  }),
});

/** A resolution or review/work assignment and the history of its execution. */
export const Assignment = builder.prismaNode('Assignment', {
  description:
    'A resolution, review or work assignment whose execution the administration reports on (offene Beschlüsse, Prüf- und Arbeitsaufträge). ' +
    'Hidden with its agenda item.',
  ...readableNode('assignment'),
  fields: (t) => ({
    organization: t.relation('organization', { description: 'The committee that tracks it.' }),
    meeting: t.relation('meeting', { nullable: true, description: 'The meeting that decided it (possibly of another organization, or joint).' }),
    agendaItem: t.relation('agendaItem', { nullable: true, description: 'The agenda item it was decided under.' }),
    paper: t.relation('paper', { nullable: true, description: 'The paper it was decided on.' }),
    kind: t.expose('kind', { type: AssignmentKind, description: 'Resolution, review or work.' }),
    note: t.exposeString('note', { nullable: true, description: 'Extra words of the report\'s date column, e.g. "hier: fortlaufende Berichterstattung".' }),
    text: t.exposeString('text', { description: 'What was decided or asked.' }),
    status: t.expose('status', { type: AssignmentStatus, description: 'The status of the newest report.' }),
    statusReports: t.relation('statusReports', {
      description: 'Its status reports, oldest first.',
      query: (_args, ctx) => ({ where: readable.statusReport(ctx.viewer), orderBy: [{ date: 'asc' }, { created: 'asc' }] }),
    }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

/**
 * The organization and all its predecessors, the organization first: a renamed committee keeps its
 * assignments. One recursive query however long the chain; a cycle (A follows B follows A) ends it.
 */
export async function withPredecessors(prisma: PrismaClient, organizationId: string): Promise<string[]> {
  const chain = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE chain (id, "predecessorId", path) AS (
      SELECT id, "predecessorId", ARRAY[id] FROM "Organization" WHERE id = ${organizationId}::uuid
      UNION ALL
      SELECT o.id, o."predecessorId", chain.path || o.id
      FROM "Organization" o JOIN chain ON o.id = chain."predecessorId"
      WHERE o.id <> ALL (chain.path)
    )
    SELECT id FROM chain ORDER BY cardinality(path)`;
  return chain.length ? chain.map(({ id }) => id) : [organizationId];
}

export interface AssignmentFilter {
  organizationId?: string | null;
  status?: (keyof typeof AssignmentStatusValues)[] | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * The filter arguments shared by `assignments` and `search`: a valid period, and the organization
 * named (a global ID) with its predecessors, or undefined for all.
 */
export async function organizationAndPeriod(prisma: PrismaClient, args: Pick<AssignmentFilter, 'organizationId' | 'from' | 'to'>) {
  chronological(args.from, args.to, 'to');
  return args.organizationId ? withPredecessors(prisma, idOf(args.organizationId, 'Organization', 'organizationId')) : undefined;
}

/** Assignments of the organization (with predecessors), by status, decided within the period. */
export async function assignmentWhere(prisma: PrismaClient, viewer: Viewer, args: AssignmentFilter): Promise<Prisma.AssignmentWhereInput> {
  const organizationIds = await organizationAndPeriod(prisma, args);
  return {
    AND: [
      readable.assignment(viewer),
      organizationIds ? { organizationId: { in: organizationIds } } : {},
      args.status?.length ? { status: { in: args.status } } : {},
      args.from || args.to ? { meeting: { start: { gte: args.from ?? undefined, lt: args.to ? dayAfter(args.to) : undefined } } } : {},
    ],
  };
}

// The page and its totalCount receive the same arguments object: the filter (and the
// predecessors it looks up) is built once per field and request.
const wheres = new WeakMap<AssignmentFilter, Promise<Prisma.AssignmentWhereInput>>();
function whereOnce(args: AssignmentFilter, ctx: Context) {
  let where = wheres.get(args);
  if (!where) wheres.set(args, (where = assignmentWhere(ctx.prisma, ctx.viewer, args)));
  return where;
}

builder.queryField('assignments', (t) =>
  t.prismaConnection({
    type: Assignment,
    cursor: 'id',
    description: 'Assignments the viewer may see, in the order they were decided.',
    args: {
      organizationId: t.arg.id({ description: 'Includes the assignments of its predecessors (renamed committees).' }),
      status: t.arg({ type: [AssignmentStatus], description: 'Only assignments with one of these statuses.' }),
      from: t.arg({ type: 'Date', description: 'Decided at a meeting on or after this day.' }),
      to: t.arg({ type: 'Date', description: 'Decided at a meeting on or before this day.' }),
    },
    totalCount: async (_parent, args, ctx) => ctx.prisma.assignment.count({ where: await whereOnce(args, ctx) }),
    resolve: async (query, _root, args, ctx) =>
      ctx.prisma.assignment.findMany({
        ...query,
        where: await whereOnce(args, ctx),
        orderBy: [{ meeting: { start: 'asc' } }, { created: 'asc' }, { id: 'asc' }],
      }),
  }),
);
