import { itemScopeSelectFor, mayReadItemDetails, readable } from '../access/visibility.js';
import { insertAgendaItem, meetingOfItem, moveAgendaItem, removeAgendaItem } from '../agenda/editing.js';
import { AgendaItemState as AgendaItemStateValues } from '../generated/prisma/enums.js';
import type { Prisma } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { CREATED, HIDDEN_NOTE, MODIFIED, mutation } from './descriptions.js';
import { idOf, idsOf } from '../global-id.js';
import { readableNode } from './readable-node.js';
import { Paper } from './paper.js';
import { chronological, optionalText, requiredText } from './validate.js';

export const AgendaItemState = builder.enumType(AgendaItemStateValues, {
  name: 'AgendaItemState',
  description: 'Where an agenda item stands in its meeting.',
  values: {
    PLANNED: { description: 'Not dealt with yet.' },
    RUNNING: { description: 'The current item of the running meeting.' },
    COMPLETED: { description: 'Dealt with.' },
    POSTPONED: { description: 'Not dealt with in this meeting (vertagt); keeps its number.' },
    WITHDRAWN: { description: 'Withdrawn (zurückgezogen); keeps its number.' },
  },
});

export const AgendaItem = builder.prismaNode('AgendaItem', {
  description:
    'An item of a meeting\'s agenda (Tagesordnungspunkt, TOP). Everyone sees number and title of every item; of a non-public item ' +
    '(nichtöffentlicher Teil) only current members of the meeting\'s organizations, clerks and admins see protocol, result, resolution, votes, papers, files and assignments.',
  // Number and name are what every agenda lists, read without a check per row (./loaded-columns.ts).
  // Every column more is one more key of the JSON PostgreSQL builds, and Prisma parses and maps,
  // per item of a relation load, whether selected or not: the other columns are selected by their
  // fields (the speakers' list, ./speech.ts, by its own).
  ...readableNode('agendaItem', { number: true, name: true }),
  fields: (t) => ({
    meeting: t.relation('meeting', { description: 'The meeting whose agenda it is on.' }),
    number: t.exposeString('number', { nullable: true, description: 'Its number as printed, e.g. "6" or "6.2"; null for an unnumbered item.' }),
    order: t.exposeInt('order', { description: 'Position in the whole agenda, 1-based, sub-items included.' }),
    name: t.exposeString('name', { description: 'The title.' }),
    subtitle: t.exposeString('subtitle', { nullable: true, description: 'The "hier: …" line of the title.' }),
    public: t.exposeBoolean('public', { description: 'False for the non-public part (nichtöffentliche Sitzung).' }),
    parent: t.relation('parent', { nullable: true, description: 'The item this one is a sub-item of (6 for 6.2).' }),
    state: t.expose('state', { type: AgendaItemState, description: 'Where it stands in the meeting.' }),
    urgent: t.exposeBoolean('urgent', { description: 'Added late to the agenda (Nachtrag).' }),
    detailsVisible: t.boolean({
      description: 'Whether the viewer may read the protocol, result, votes, papers and files of this item.',
      select: (_args, ctx) => itemScopeSelectFor(ctx.viewer),
      resolve: (item, _args, ctx) => mayReadItemDetails(ctx.viewer, item),
    }),
    papers: t.field({
      type: [Paper],
      description: 'The papers (Vorlagen) dealt with under this item, in the order they were linked. Empty for a non-public item the viewer may not read.',
      select: (_args, ctx, nestedSelection) => ({
        consultations: {
          where: { AND: [readable.consultation(ctx.viewer), { paper: readable.paper(ctx.viewer) }] },
          orderBy: { created: 'asc' },
          select: { paper: nestedSelection(true) },
        },
      }),
      resolve: (item) => item.consultations.map((consultation) => consultation.paper),
    }),
    consultations: t.relation('consultations', {
      description: 'The consultations (Beratungen) of papers under this item. Empty for a non-public item the viewer may not read.',
      query: (_args, ctx) => ({ where: readable.consultation(ctx.viewer), orderBy: { created: 'asc' } }),
    }),
    protocolText: t.string({
      nullable: true,
      description: `What the minutes say under "Zu Punkt …".${HIDDEN_NOTE}`,
      select: (_args, ctx) => ({ ...itemScopeSelectFor(ctx.viewer), protocolText: true }),
      resolve: (item, _args, ctx) => (mayReadItemDetails(ctx.viewer, item) ? item.protocolText : null),
    }),
    result: t.string({
      nullable: true,
      description: `e.g. "einstimmig angenommen", "zur Kenntnis genommen".${HIDDEN_NOTE}`,
      select: (_args, ctx) => ({ ...itemScopeSelectFor(ctx.viewer), result: true }),
      resolve: (item, _args, ctx) => (mayReadItemDetails(ctx.viewer, item) ? item.result : null),
    }),
    resolutionText: t.string({
      nullable: true,
      description: `The resolution (Beschluss).${HIDDEN_NOTE}`,
      select: (_args, ctx) => ({ ...itemScopeSelectFor(ctx.viewer), resolutionText: true }),
      resolve: (item, _args, ctx) => (mayReadItemDetails(ctx.viewer, item) ? item.resolutionText : null),
    }),
    votes: t.relation('votes', {
      description: 'Votes taken on this item, oldest first. Empty for a non-public item the viewer may not read.',
      query: (_args, ctx) => ({ where: readable.vote(ctx.viewer), orderBy: { created: 'asc' } }),
    }),
    files: t.relation('files', {
      description: 'Attachments of this item, by name. Empty for a non-public item the viewer may not read.',
      query: (_args, ctx) => ({ where: readable.file(ctx.viewer), orderBy: { name: 'asc' } }),
    }),
    start: t.expose('start', { type: 'DateTime', nullable: true, description: 'When it was called (UTC).' }),
    end: t.expose('end', { type: 'DateTime', nullable: true, description: 'When it was completed (UTC).' }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
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
    description: mutation('Adds an item at `number` (e.g. "6.2"), or under `parentId` at `position`, by default last; the agenda is renumbered.', ['NOT_FOUND']),
    args: {
      meetingId: t.arg.id({ required: true, description: 'The meeting.' }),
      name: t.arg.string({ required: true, description: 'The title.' }),
      number: t.arg.string({ description: 'Where it goes, e.g. "6.2"; later items move down. Instead of parentId and position.' }),
      subtitle: t.arg.string({ description: 'The "hier: …" line.' }),
      public: t.arg.boolean({ defaultValue: true, description: 'False puts it into the non-public part (after the public items).' }),
      parentId: t.arg.id({ description: 'Makes it a sub-item of this AgendaItem.' }),
      position: t.arg.int({ description: '1-based place among its siblings; by default last.' }),
      paperIds: t.arg.idList({ description: 'Papers to deal with under it.' }),
      urgent: t.arg.boolean({ defaultValue: false, description: 'Added late (Nachtrag).' }),
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
    description: mutation('Changes the given fields of an item; omitted ones stay, null clears an optional one.', ['NOT_FOUND']),
    args: {
      agendaItemId: t.arg.id({ required: true, description: 'The item to change.' }),
      name: t.arg.string({ description: 'The title.' }),
      subtitle: t.arg.string({ description: 'The "hier: …" line.' }),
      public: t.arg.boolean({ description: 'False for the non-public part.' }),
      protocolText: t.arg.string({ description: 'What the minutes say under the item.' }),
      result: t.arg.string({ description: 'e.g. "einstimmig angenommen".' }),
      resolutionText: t.arg.string({ description: 'The resolution (Beschluss).' }),
      start: t.arg({ type: 'DateTime', description: 'When it was called; ISO 8601 with offset.' }),
      end: t.arg({ type: 'DateTime', description: 'When it was completed; not before start.' }),
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
    description: mutation('Moves an item to `number`, or under `parentId` (null: top level) at `position`; the agenda is renumbered.', ['NOT_FOUND']),
    args: {
      agendaItemId: t.arg.id({ required: true, description: 'The item to move (with its sub-items).' }),
      number: t.arg.string({ description: 'Its new number, e.g. "2"; instead of parentId and position.' }),
      parentId: t.arg.id({ description: 'The new parent AgendaItem; null for the top level; omitted keeps it.' }),
      position: t.arg.int({ description: '1-based place among its new siblings.' }),
    },
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
    description: mutation('Removes an item and its sub-items (soft delete); returns the renumbered meeting.', ['NOT_FOUND']),
    args: { agendaItemId: t.arg.id({ required: true, description: 'The item to remove.' }) },
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
    description: mutation('Puts a paper on an agenda item (an item may carry several papers); linking it twice changes nothing.', ['NOT_FOUND']),
    args: { agendaItemId: t.arg.id({ required: true, description: 'The item.' }), paperId: t.arg.id({ required: true, description: 'The paper.' }) },
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
    description: mutation('Takes a paper off an agenda item; the paper stays in the archive.', ['NOT_FOUND']),
    args: { agendaItemId: t.arg.id({ required: true, description: 'The item.' }), paperId: t.arg.id({ required: true, description: 'The paper.' }) },
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
