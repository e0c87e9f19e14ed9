// The report of open resolutions and assignments (Offene Beschlüsse, Prüf- und Arbeitsaufträge)
// of a committee for a reporting period: every assignment decided up to the period's end that
// was reported on within the period or decided in it, with the newest status report of the
// period ("Stand der Ausführung mit kurzer Begründung") and its status. A renamed committee
// reports the assignments of its predecessors (withPredecessors).
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { AssignmentStatus } from '../generated/prisma/enums.js';
import type { Viewer } from '../access/viewer.js';
import { assignmentWhere, withPredecessors } from '../schema/assignment.js';
import { idOf } from '../global-id.js';
import { chronological } from '../schema/validate.js';
import { heading, paragraph, type Document } from '../documents/document.js';
import { genitive, localDate, period } from '../documents/german.js';
import { notFound } from '../errors.js';
import { dayAfter } from '../period.js';

/** Symbols that survive copy and paste, always with their words. */
const statusLabels: Record<AssignmentStatus, string> = {
  NOT_FEASIBLE: '✖ nicht umsetzbar',
  IN_PROGRESS: '◐ noch in Bearbeitung/Daueraufgabe',
  DONE: '✔ erledigt',
};

export interface ReportRequest {
  /** Global ID of the organization. */
  organizationId: string;
  from: Date;
  to: Date;
  status?: AssignmentStatus[] | null;
}

/** `organizationIds` is the committee with its predecessors, already looked up by the caller. */
async function loadAssignments(prisma: PrismaClient, viewer: Viewer, request: ReportRequest, organizationIds: string[]) {
  const periodEnd = dayAfter(request.to);
  const reportedInPeriod = { date: { gte: request.from, lte: request.to } };
  const where: Prisma.AssignmentWhereInput = {
    AND: [
      await assignmentWhere(prisma, viewer, { to: request.to }),
      { organizationId: { in: organizationIds } },
      { OR: [{ statusReports: { some: reportedInPeriod } }, { meeting: { start: { gte: request.from, lt: periodEnd } } }] },
    ],
  };
  return prisma.assignment.findMany({
    where,
    include: {
      meeting: { include: { organizations: { include: { organization: true } } } },
      agendaItem: true,
      paper: true,
      statusReports: { where: reportedInPeriod, orderBy: [{ date: 'desc' }, { created: 'desc' }], take: 1 },
    },
  });
}

type LoadedAssignment = Awaited<ReturnType<typeof loadAssignments>>[number];

export interface ReportRow {
  assignment: LoadedAssignment;
  statusReport: LoadedAssignment['statusReports'][number] | null;
  status: AssignmentStatus;
}

export interface ResolutionsReport {
  organization: { id: string; name: string };
  organizationIds: string[];
  from: Date;
  to: Date;
  rows: ReportRow[];
}

/**
 * Rows in the order of the printed report: by meeting date, the committee's own meeting before a
 * joint one on the same day, then by agenda order; rows of the same item have no recorded order
 * and follow their creation, then their wording.
 */
function documentOrder(a: LoadedAssignment, b: LoadedAssignment): number {
  const key = (x: LoadedAssignment) => [x.meeting?.start?.getTime() ?? 0, x.meeting?.organizations.length ?? 0, x.agendaItem?.order ?? 0, x.created.getTime()];
  const [ka, kb] = [key(a), key(b)];
  const difference = ka.map((value, i) => value - (kb[i] ?? value)).find((d) => d !== 0);
  return difference ?? a.text.localeCompare(b.text, 'de');
}

export async function buildReport(prisma: PrismaClient, viewer: Viewer, request: ReportRequest): Promise<ResolutionsReport> {
  chronological(request.from, request.to, 'to');
  const organizationIds = await withPredecessors(prisma, idOf(request.organizationId, 'Organization', 'organizationId'));
  const organization = await prisma.organization.findFirst({ where: { id: organizationIds[0], deleted: false }, select: { id: true, name: true } });
  if (!organization) throw notFound('Organization');
  const assignments = (await loadAssignments(prisma, viewer, request, organizationIds)).sort(documentOrder);
  const rows = assignments
    .map((assignment) => {
      const statusReport = assignment.statusReports[0] ?? null;
      return { assignment, statusReport, status: statusReport?.status ?? assignment.status };
    })
    .filter((row) => !request.status?.length || request.status.includes(row.status));
  return { organization, organizationIds, from: request.from, to: request.to, rows };
}

/** The report's own committee is implied; a meeting of another body (or a joint one) says so. */
function meetingCell(row: ReportRow, organizationIds: string[]): string {
  const meeting = row.assignment.meeting;
  if (!meeting?.start) return row.assignment.note ?? '';
  const others = meeting.organizations.map((link) => link.organization).filter((o) => !organizationIds.includes(o.id));
  const ownMeeting = meeting.organizations.length > others.length;
  const body = others.length && !ownMeeting ? others.map((o) => o.shortName ?? o.name).join(', ') : '';
  return [localDate(meeting.start), body, row.assignment.note].filter(Boolean).join('\n');
}

function subjectCell(row: ReportRow): string {
  const { agendaItem, paper } = row.assignment;
  return [
    agendaItem && `TOP ${agendaItem.number ?? ''}: ${agendaItem.name}`,
    agendaItem?.subtitle,
    paper?.reference ? `Vorlage Nr. ${paper.reference}` : paper?.name,
  ]
    .filter(Boolean)
    .join('\n');
}

export function reportDocument(report: ResolutionsReport): Document {
  const title = `Offene Beschlüsse, Prüf- und Arbeitsaufträge ${genitive(report.organization.name)}`;
  const span = `Berichtszeitraum ${period(report.from, report.to)}`;
  return {
    title: `${title}, ${span}`,
    landscape: true,
    blocks: [
      heading(1, title),
      paragraph(span),
      {
        kind: 'table',
        caption: `${title}, ${span}`,
        head: ['Datum der Sitzung', 'TOP / Betreff', 'Beschluss / Auftrag', 'Stand der Ausführung mit kurzer Begründung', 'Status'],
        rows: report.rows.map((row) => [
          meetingCell(row, report.organizationIds),
          subjectCell(row),
          row.assignment.text,
          row.statusReport?.text ?? '',
          statusLabels[row.status],
        ]),
      },
      { kind: 'paragraph', text: `Legende: ${Object.values(statusLabels).join('   ')}` },
    ],
  };
}
