// The one place that decides who sees the non-public part of a meeting (nichtöffentlicher Teil).
// Anyone sees public agenda items completely and, of a non-public item, only its number and
// title. Its protocol text, result, resolution, votes, files, papers and the assignments it
// gave are visible only to members of the meeting's organizations, clerks and admins.
//
// The rule is one filter per model: `readable.<model>(viewer)`, a Prisma `where` that every
// relation, connection, count and node load of that model applies (the load itself filters, so
// a hidden record costs what an unknown one costs). Each model's filter includes the filters of
// the records it hangs off (a file's includes its item's and its paper's), so that a readable
// record never leads to a hidden one through a to-one relation. `visible.<model>` is the same
// rule without soft deletion, for the paths that show deleted records as deleted (OParl, the
// 410 of file downloads). `readableSql` says the same rule in SQL for full-text search; a test
// checks that both select the same rows.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { isStaff, type Viewer } from './viewer.js';
import type { SqlParams } from '../db/sql-params.js';

/** What a check needs to know about an agenda item; `meeting` only for a viewer `judgedByMembership`. */
export interface ItemScope {
  public: boolean;
  meeting?: { organizations: { organizationId: string }[] };
}

/** Prisma `select` that loads an ItemScope along with the item. */
export const itemScopeSelect = {
  public: true,
  meeting: { select: { organizations: { select: { organizationId: true } } } },
} satisfies Prisma.AgendaItemSelect;

/**
 * Whether the viewer's right to a non-public item depends on the item's meeting: not for staff,
 * who may read every item, nor for a viewer of no organization, who may read only public ones.
 */
export const judgedByMembership = (viewer: Viewer) => !isStaff(viewer) && viewer.organizationIds.length > 0;

/** `itemScopeSelect` as far as this viewer's check needs it: the meeting's organizations only when they decide. */
export const itemScopeSelectFor = (viewer: Viewer) => (judgedByMembership(viewer) ? itemScopeSelect : { public: true as const });

/**
 * Of the given meetings, whether the viewer reads each one's non-public part by membership (one of
 * its organizations is theirs): for a viewer `judgedByMembership`, in one statement for them all.
 */
export async function closedSessionsReadBy(prisma: PrismaClient, viewer: Viewer, meetingIds: readonly string[]): Promise<boolean[]> {
  const links = await prisma.meetingOrganization.findMany({
    where: { meetingId: { in: [...meetingIds] }, organizationId: { in: viewer.organizationIds } },
    select: { meetingId: true },
  });
  const read = new Set(links.map((link) => link.meetingId));
  return meetingIds.map((id) => read.has(id));
}

export function mayReadNonPublic(viewer: Viewer, organizationIds: string[]): boolean {
  return isStaff(viewer) || organizationIds.some((id) => viewer.organizationIds.includes(id));
}

/** The JS form of `itemDetailsWhere`, for an item loaded with `itemScopeSelectFor(viewer)` (or `itemScopeSelect`). */
export function mayReadItemDetails(viewer: Viewer, item: ItemScope): boolean {
  if (item.public || isStaff(viewer)) return true;
  // Without the meeting loaded the viewer is one of no organization: a non-public item is not theirs.
  return (item.meeting?.organizations ?? []).some((organization) => viewer.organizationIds.includes(organization.organizationId));
}

/**
 * A live meeting event about a non-public item (its start, protocol, votes, result) reaches only
 * those who may read the item's details; events of the meeting as a whole reach everyone.
 */
export function mayReadItemEvent(viewer: Viewer, item: ItemScope | null): boolean {
  return !item || mayReadItemDetails(viewer, item);
}

/** Agenda items whose details (protocol, result, resolution and all that hangs off them) the viewer may read. */
export function itemDetailsWhere(viewer: Viewer): Prisma.AgendaItemWhereInput {
  if (isStaff(viewer)) return {};
  // The membership branch can match nothing for a viewer of no organization (anonymous readers):
  // leaving it out spares every such load a join to the meeting and its organizations per row.
  if (!judgedByMembership(viewer)) return { public: true };
  return {
    OR: [
      { public: true },
      { meeting: { organizations: { some: { organizationId: { in: viewer.organizationIds } } } } },
    ],
  };
}

/** Things hanging off an optional agenda item (files, consultations, assignments). */
const attachedToReadableItem = (viewer: Viewer) => ({ OR: [{ agendaItemId: null }, { agendaItem: itemDetailsWhere(viewer) }] });

/** A person id that matches no ballot, for viewers without one. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

const everyone = () => ({});

/** The non-public rule per model, regardless of soft deletion. */
export const visible = {
  body: everyone,
  legislativeTerm: everyone,
  organization: everyone,
  person: everyone,
  membership: everyone,
  location: everyone,
  meeting: everyone,
  agendaItem: everyone,
  attendance: everyone,
  /** A paper is hidden when all the items that consult it are hidden to the viewer. */
  paper: (viewer: Viewer): Prisma.PaperWhereInput =>
    isStaff(viewer)
      ? {}
      : {
          OR: [
            { consultations: { none: { agendaItem: { public: false } } } },
            { consultations: { some: { agendaItem: itemDetailsWhere(viewer) } } },
          ],
        },
  /** A consultation is hidden with its agenda item, and with its paper. */
  consultation: (viewer: Viewer): Prisma.ConsultationWhereInput =>
    isStaff(viewer) ? {} : { AND: [attachedToReadableItem(viewer), { paper: visible.paper(viewer) }] },
  /** A file is hidden with the agenda item or the paper it is attached to. */
  file: (viewer: Viewer): Prisma.FileWhereInput =>
    isStaff(viewer) ? {} : { AND: [attachedToReadableItem(viewer), { OR: [{ paperId: null }, { paper: visible.paper(viewer) }] }] },
  /** An assignment is hidden with the agenda item that gave it, and with its paper. */
  assignment: (viewer: Viewer): Prisma.AssignmentWhereInput =>
    isStaff(viewer) ? {} : { AND: [attachedToReadableItem(viewer), { OR: [{ paperId: null }, { paper: visible.paper(viewer) }] }] },
  statusReport: (viewer: Viewer): Prisma.StatusReportWhereInput => ({ assignment: readable.assignment(viewer) }),
  vote: (viewer: Viewer): Prisma.VoteWhereInput => (isStaff(viewer) ? {} : { agendaItem: itemDetailsWhere(viewer) }),
  /** Requests to speak and speeches (Redeliste) are details of their item. */
  speech: (viewer: Viewer): Prisma.SpeechWhereInput => (isStaff(viewer) ? {} : { agendaItem: itemDetailsWhere(viewer) }),
  /** One's own ballot; anyone else's once the vote is closed (named votes are public then). */
  ballot: (viewer: Viewer): Prisma.BallotWhereInput => ({
    vote: visible.vote(viewer),
    OR: [{ personId: viewer.personId ?? NOBODY }, { vote: { state: 'CLOSED' } }],
  }),
};

export type ReadableModel = keyof typeof visible;

export const alive = { deleted: false };
const notDeleted = <W>(rule: (viewer: Viewer) => W) => (viewer: Viewer) => ({ AND: [alive, rule(viewer)] }) as W;

/** What the viewer may read of each model: the non-public rule, and soft-deleted records are gone. */
export const readable: { [M in ReadableModel]: (viewer: Viewer) => ReturnType<(typeof visible)[M]> } = {
  body: notDeleted(visible.body),
  legislativeTerm: notDeleted(visible.legislativeTerm),
  organization: notDeleted(visible.organization),
  person: notDeleted(visible.person),
  membership: notDeleted(visible.membership),
  location: notDeleted(visible.location),
  meeting: notDeleted(visible.meeting),
  agendaItem: notDeleted(visible.agendaItem),
  attendance: visible.attendance,
  paper: notDeleted(visible.paper),
  consultation: notDeleted(visible.consultation),
  file: notDeleted(visible.file),
  assignment: notDeleted(visible.assignment),
  statusReport: visible.statusReport,
  vote: visible.vote,
  speech: visible.speech,
  ballot: visible.ballot,
};

// The same rules as SQL conditions, for raw queries (full-text search). Each takes the alias of
// the row it judges; viewer-specific values are bound as parameters.

/** SQL twin of itemDetailsWhere; `item` is the alias of an "AgendaItem" row. */
function itemDetailsSql(viewer: Viewer, item: string, params: SqlParams): string {
  if (isStaff(viewer)) return 'TRUE';
  if (!judgedByMembership(viewer)) return `${item}."public"`;
  return `(${item}."public" OR EXISTS (SELECT 1 FROM "MeetingOrganization" vis_mo WHERE vis_mo."meetingId" = ${item}."meetingId" AND vis_mo."organizationId" = ANY(${params.add(viewer.organizationIds)}::uuid[])))`;
}

function attachedToReadableItemSql(viewer: Viewer, row: string, params: SqlParams): string {
  if (isStaff(viewer)) return 'TRUE';
  return `(${row}."agendaItemId" IS NULL OR EXISTS (SELECT 1 FROM "AgendaItem" vis_ai WHERE vis_ai."id" = ${row}."agendaItemId" AND ${itemDetailsSql(viewer, 'vis_ai', params)}))`;
}

function visiblePaperSql(viewer: Viewer, paperId: string, params: SqlParams): string {
  if (isStaff(viewer)) return 'TRUE';
  const consulting = `SELECT 1 FROM "Consultation" vis_c JOIN "AgendaItem" vis_pi ON vis_pi."id" = vis_c."agendaItemId" WHERE vis_c."paperId" = ${paperId}`;
  return `(NOT EXISTS (${consulting} AND NOT vis_pi."public") OR EXISTS (${consulting} AND ${itemDetailsSql(viewer, 'vis_pi', params)}))`;
}

/** Files and assignments: hidden with their agenda item and with their paper. */
function attachedToReadableItemAndPaperSql(viewer: Viewer, row: string, params: SqlParams): string {
  if (isStaff(viewer)) return `NOT ${row}."deleted"`;
  return `(NOT ${row}."deleted" AND ${attachedToReadableItemSql(viewer, row, params)} AND (${row}."paperId" IS NULL OR ${visiblePaperSql(viewer, `${row}."paperId"`, params)}))`;
}

type SqlRule = (viewer: Viewer, row: string, params: SqlParams) => string;

/** SQL twins of `readable` for the models search reads, plus the item details its protocol texts need. */
export const readableSql: Record<'meeting' | 'agendaItem' | 'agendaItemDetails' | 'paper' | 'assignment' | 'file', SqlRule> = {
  meeting: (_viewer, row) => `NOT ${row}."deleted"`,
  agendaItem: (_viewer, row) => `NOT ${row}."deleted"`,
  agendaItemDetails: (viewer, row, params) => `(NOT ${row}."deleted" AND ${itemDetailsSql(viewer, row, params)})`,
  paper: (viewer, row, params) => `(NOT ${row}."deleted" AND ${visiblePaperSql(viewer, `${row}."id"`, params)})`,
  assignment: attachedToReadableItemAndPaperSql,
  file: attachedToReadableItemAndPaperSql,
};

