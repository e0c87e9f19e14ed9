import { attachedToReadableItemWhere, itemScopeSelect, mayReadItemDetails, readableVoteWhere } from '../access/visibility.js';
import { insertAgendaItem, meetingOfItem, moveAgendaItem, removeAgendaItem } from '../agenda/editing.js';
import { AgendaItemState as AgendaItemStateValues } from '../generated/prisma/enums.js';
import type { Prisma } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { idOf, idsOf } from '../global-id.js';
import { Paper } from './paper.js';
import { chronological, optionalText, requiredText } from './validate.js';

export const AgendaItemState = builder.enumType(AgendaItemStateValues, { name: 'AgendaItemState' });

const hiddenNote = ' Null for a non-public item the viewer may not read.';

export const AgendaItem = builder.prismaNode('AgendaItem', {
  id: { field: 'id' },
  fields: (t) => ({
    meeting: t.relation('meeting'),
    number: t.exposeString('number', { nullable: true }),
    order: t.exposeInt('order'),
    name: t.exposeString('name'),
    subtitle: t.exposeString('subtitle', { nullable: true, description: 'The "hier: …" line of the title.' }),
    public: t.exposeBoolean('public'),
    parent: t.relation('parent', { nullable: true }),
    state: t.expose('state', { type: AgendaItemState }),
    urgent: t.exposeBoolean('urgent', { description: 'Added late to the agenda (Nachtrag).' }),
    detailsVisible: t.boolean({
      description: 'Whether the viewer may read the protocol, result, votes, papers and files of this item.',
      select: itemScopeSelect,
      resolve: (item, _args, ctx) => mayReadItemDetails(ctx.viewer, item),
    }),
    papers: t.field({
      type: [Paper],
      select: (_args, ctx, nestedSelection) => ({
        consultations: {
          where: { deleted: false, paper: { deleted: false }, ...attachedToReadableItemWhere(ctx.viewer) },
          orderBy: { created: 'asc' },
          select: { paper: nestedSelection(true) },
        },
      }),
      resolve: (item) => item.consultations.map((consultation) => consultation.paper),
    }),
    consultations: t.relation('consultations', {
      query: (_args, ctx) => ({ where: { deleted: false, ...attachedToReadableItemWhere(ctx.viewer) }, orderBy: { created: 'asc' } }),
    }),
    protocolText: t.string({
      nullable: true,
      description: `What the minutes say under "Zu Punkt …".${hiddenNote}`,
      select: { ...itemScopeSelect, protocolText: true },
      resolve: (item, _args, ctx) => (mayReadItemDetails(ctx.viewer, item) ? item.protocolText : null),
    }),
    result: t.string({
      nullable: true,
      description: `e.g. "einstimmig angenommen", "zur Kenntnis genommen".${hiddenNote}`,
      select: { ...itemScopeSelect, result: true },
      resolve: (item, _args, ctx) => (mayReadItemDetails(ctx.viewer, item) ? item.result : null),
    }),
    resolutionText: t.string({
      nullable: true,
      description: `The resolution (Beschluss).${hiddenNote}`,
      select: { ...itemScopeSelect, resolutionText: true },
      resolve: (item, _args, ctx) => (mayReadItemDetails(ctx.viewer, item) ? item.resolutionText : null),
    }),
    votes: t.relation('votes', {
      query: (_args, ctx) => ({ where: readableVoteWhere(ctx.viewer), orderBy: { created: 'asc' } }),
    }),
    files: t.relation('files', {
      query: (_args, ctx) => ({ where: { deleted: false, ...attachedToReadableItemWhere(ctx.viewer) }, orderBy: { name: 'asc' } }),
    }),
    start: t.expose('start', { type: 'DateTime', nullable: true }),
    end: t.expose('end', { type: 'DateTime', nullable: true }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});

async function linkPapers(tx: Prisma.TransactionClient, itemId: string, meetingId: string, paperIds: string[]) {
  const linked = await tx.consultation.findMany({ where: { agendaItemId: itemId, deleted: false, paperId: { in: paperIds } }, select: { paperId: true } });
  const missing = [...new Set(paperIds)].filter((id) => !linked.some((link) => link.paperId === id));
  await tx.consultation.createMany({ data: missing.map((paperId) => ({ paperId, agendaItemId: itemId, meetingId })) });
}

builder.mutationFields((t) => ({
  addAgendaItem: t.prismaField({
    type: AgendaItem,
    description: 'Adds an item at `number` (e.g. "6.2"), or under `parentId` at `position`, by default last; the agenda is renumbered.',
    args: {
      meetingId: t.arg.id({ required: true }),
      name: t.arg.string({ required: true }),
      number: t.arg.string(),
      subtitle: t.arg.string(),
      public: t.arg.boolean({ defaultValue: true }),
      parentId: t.arg.id(),
      position: t.arg.int(),
      paperIds: t.arg.idList(),
      urgent: t.arg.boolean({ defaultValue: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const meetingId = idOf(args.meetingId, 'Meeting', 'meetingId');
      const paperIds = idsOf(args.paperIds ?? [], 'Paper', 'paperIds');
      const name = requiredText(args.name, 'name');
      return ctx.prisma.$transaction(async (tx) => {
        await tx.meeting.findFirstOrThrow({ where: { id: meetingId, deleted: false }, select: { id: true } });
        const id = await insertAgendaItem(
          tx,
          meetingId,
          { name, subtitle: optionalText(args.subtitle, 'subtitle'), urgent: args.urgent ?? false },
          { number: args.number, parentId: args.parentId ? idOf(args.parentId, 'AgendaItem', 'parentId') : null, position: args.position, public: args.public ?? true },
        );
        await linkPapers(tx, id, meetingId, paperIds);
        return tx.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      });
    },
  }),
  updateAgendaItem: t.prismaField({
    type: AgendaItem,
    args: {
      agendaItemId: t.arg.id({ required: true }),
      name: t.arg.string(),
      subtitle: t.arg.string(),
      public: t.arg.boolean(),
      protocolText: t.arg.string(),
      result: t.arg.string(),
      resolutionText: t.arg.string(),
      start: t.arg({ type: 'DateTime' }),
      end: t.arg({ type: 'DateTime' }),
    },
    resolve: (query, _root, args, ctx) => {
      chronological(args.start, args.end);
      return ctx.prisma.agendaItem.update({
        ...query,
        where: { id: idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'), deleted: false },
        data: {
          name: args.name == null ? undefined : requiredText(args.name, 'name'),
          subtitle: optionalText(args.subtitle, 'subtitle'),
          public: args.public ?? undefined,
          protocolText: optionalText(args.protocolText, 'protocolText'),
          result: optionalText(args.result, 'result'),
          resolutionText: optionalText(args.resolutionText, 'resolutionText'),
          start: args.start,
          end: args.end,
        },
      });
    },
  }),
  moveAgendaItem: t.prismaField({
    type: AgendaItem,
    description: 'Moves an item to `number`, or under `parentId` (null: top level) at `position`; the agenda is renumbered.',
    args: { agendaItemId: t.arg.id({ required: true }), number: t.arg.string(), parentId: t.arg.id(), position: t.arg.int() },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
      return ctx.prisma.$transaction(async (tx) => {
        const meetingId = await meetingOfItem(tx, id);
        await moveAgendaItem(tx, meetingId, id, {
          number: args.number,
          parentId: args.parentId === undefined ? undefined : args.parentId && idOf(args.parentId, 'AgendaItem', 'parentId'),
          position: args.position,
        });
        return tx.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      });
    },
  }),
  removeAgendaItem: t.prismaField({
    type: 'Meeting',
    description: 'Removes an item and its sub-items (soft delete); returns the renumbered meeting.',
    args: { agendaItemId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
      return ctx.prisma.$transaction(async (tx) => {
        const meetingId = await meetingOfItem(tx, id);
        await removeAgendaItem(tx, meetingId, id);
        return tx.meeting.findUniqueOrThrow({ ...query, where: { id: meetingId } });
      });
    },
  }),
  linkPaper: t.prismaField({
    type: AgendaItem,
    description: 'Puts a paper on an agenda item (an item may carry several papers).',
    args: { agendaItemId: t.arg.id({ required: true }), paperId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
      const paperId = idOf(args.paperId, 'Paper', 'paperId');
      return ctx.prisma.$transaction(async (tx) => {
        await linkPapers(tx, id, await meetingOfItem(tx, id), [paperId]);
        return tx.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      });
    },
  }),
  unlinkPaper: t.prismaField({
    type: AgendaItem,
    args: { agendaItemId: t.arg.id({ required: true }), paperId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
      await ctx.prisma.consultation.updateMany({
        where: { agendaItemId: id, paperId: idOf(args.paperId, 'Paper', 'paperId'), deleted: false },
        data: { deleted: true },
      });
      return ctx.prisma.agendaItem.findFirstOrThrow({ ...query, where: { id, deleted: false } });
    },
  }),
}));
