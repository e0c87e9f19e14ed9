// The one place that decides who sees the non-public part of a meeting (nichtöffentlicher Teil).
// Anyone sees public agenda items completely and, of a non-public item, only its number and
// title. Its protocol text, result, resolution, votes, files, papers and the assignments it
// gave are visible only to members of the meeting's organizations, clerks and admins.
// Every path to the data (fields, node, connections, search, subscriptions, exports, files)
// asks one of these functions; the `...Where` variants say the same rule as a Prisma filter.
import type { Prisma } from '../generated/prisma/client.js';
import { isStaff, type Viewer } from './viewer.js';
import type { SqlParams } from '../db/sql-params.js';

/** What a check needs to know about an agenda item. */
export interface ItemScope {
  public: boolean;
  meeting: { organizations: { organizationId: string }[] };
}

/** Prisma `select` that loads an ItemScope along with the item. */
export const itemScopeSelect = {
  public: true,
  meeting: { select: { organizations: { select: { organizationId: true } } } },
} satisfies Prisma.AgendaItemSelect;

export function mayReadNonPublic(viewer: Viewer, organizationIds: string[]): boolean {
  return isStaff(viewer) || organizationIds.some((id) => viewer.organizationIds.includes(id));
}

export function mayReadItemDetails(viewer: Viewer, item: ItemScope): boolean {
  return item.public || mayReadNonPublic(viewer, item.meeting.organizations.map((o) => o.organizationId));
}

/**
 * A live meeting event about a non-public item (its start, protocol, votes, result) reaches only
 * those who may read the item's details; events of the meeting as a whole reach everyone.
 */
export function mayReadItemEvent(viewer: Viewer, item: ItemScope | null): boolean {
  return !item || mayReadItemDetails(viewer, item);
}

/** Agenda items whose details the viewer may read. */
export function readableItemWhere(viewer: Viewer): Prisma.AgendaItemWhereInput {
  if (isStaff(viewer)) return {};
  return {
    OR: [
      { public: true },
      { meeting: { organizations: { some: { organizationId: { in: viewer.organizationIds } } } } },
    ],
  };
}

/** Things hanging off an optional agenda item (files, consultations, assignments). */
export function attachedToReadableItemWhere(viewer: Viewer) {
  if (isStaff(viewer)) return {};
  return { OR: [{ agendaItemId: null }, { agendaItem: readableItemWhere(viewer) }] };
}

/** A paper is hidden when all the items that consult it are hidden to the viewer. */
export function readablePaperWhere(viewer: Viewer): Prisma.PaperWhereInput {
  if (isStaff(viewer)) return {};
  return {
    OR: [
      { consultations: { none: { agendaItem: { public: false } } } },
      { consultations: { some: { agendaItem: readableItemWhere(viewer) } } },
    ],
  };
}

export const readableVoteWhere = (viewer: Viewer): Prisma.VoteWhereInput =>
  isStaff(viewer) ? {} : { agendaItem: readableItemWhere(viewer) };

/** A consultation is hidden with its agenda item, and with its paper (a paper only hidden items consult). */
export const readableConsultationWhere = (viewer: Viewer): Prisma.ConsultationWhereInput =>
  isStaff(viewer) ? {} : { AND: [attachedToReadableItemWhere(viewer), { paper: readablePaperWhere(viewer) }] };

/** A file is hidden with the agenda item or the paper it is attached to. */
export const readableFileWhere = (viewer: Viewer): Prisma.FileWhereInput =>
  isStaff(viewer)
    ? {}
    : { AND: [attachedToReadableItemWhere(viewer), { OR: [{ paperId: null }, { paper: readablePaperWhere(viewer) }] }] };

// The same rules as SQL conditions, for raw queries (full-text search). Each takes the alias or
// column of the row it judges; viewer-specific values are bound as parameters.

/** SQL twin of readableItemWhere; `item` is the alias of an "AgendaItem" row. */
export function readableItemSql(viewer: Viewer, item: string, params: SqlParams): string {
  if (isStaff(viewer)) return 'TRUE';
  return `(${item}."public" OR EXISTS (SELECT 1 FROM "MeetingOrganization" vis_mo WHERE vis_mo."meetingId" = ${item}."meetingId" AND vis_mo."organizationId" = ANY(${params.add(viewer.organizationIds)}::uuid[])))`;
}

/** SQL twin of attachedToReadableItemWhere; `agendaItemId` is the column of the agenda item reference. */
export function attachedToReadableItemSql(viewer: Viewer, agendaItemId: string, params: SqlParams): string {
  if (isStaff(viewer)) return 'TRUE';
  return `(${agendaItemId} IS NULL OR EXISTS (SELECT 1 FROM "AgendaItem" vis_ai WHERE vis_ai."id" = ${agendaItemId} AND ${readableItemSql(viewer, 'vis_ai', params)}))`;
}

/** SQL twin of readablePaperWhere; `paperId` is the column holding the paper's id. */
export function readablePaperSql(viewer: Viewer, paperId: string, params: SqlParams): string {
  if (isStaff(viewer)) return 'TRUE';
  const consulting = `SELECT 1 FROM "Consultation" vis_c JOIN "AgendaItem" vis_pi ON vis_pi."id" = vis_c."agendaItemId" WHERE vis_c."paperId" = ${paperId}`;
  return `(NOT EXISTS (${consulting} AND NOT vis_pi."public") OR EXISTS (${consulting} AND ${readableItemSql(viewer, 'vis_pi', params)}))`;
}

/** SQL twin of readableFileWhere; `file` is the alias of a "File" row. */
export function readableFileSql(viewer: Viewer, file: string, params: SqlParams): string {
  if (isStaff(viewer)) return 'TRUE';
  return `(${attachedToReadableItemSql(viewer, `${file}."agendaItemId"`, params)} AND (${file}."paperId" IS NULL OR ${readablePaperSql(viewer, `${file}."paperId"`, params)}))`;
}
