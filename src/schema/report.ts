// Query.resolutionsReport and Mutation.reportAssignmentStatus: the report of open resolutions and
// assignments (src/report/) and the appended history of their execution.
import { buildReport, reportDocument, type ReportRequest, type ReportRow, type ResolutionsReport } from '../report/resolutions-report.js';
import { reportPath } from '../report/route.js';
import { reportAssignmentStatus } from '../report/status-reports.js';
import { builder } from './builder.js';
import { Assignment, AssignmentStatus, StatusReport } from './assignment.js';
import { DocumentFormat, renderedDocument, renderedDocumentType } from './document.js';
import { idOf } from '../global-id.js';
import { chronological, requiredText } from './validate.js';
import { Organization } from './organization.js';

const ReportDocument = builder.objectRef<{ report: ResolutionsReport; request: ReportRequest }>('ResolutionsReport');
const RenderedReport = renderedDocumentType('ResolutionsReportDocument', 'The resolutions report in one format, laid out as the printed report.');

const ReportRowType = builder.objectRef<ReportRow>('ResolutionsReportRow').implement({
  description: 'One row: the decision or assignment, the newest status report of the period and the status.',
  fields: (t) => ({
    assignment: t.field({ type: Assignment, resolve: (row) => row.assignment }),
    meetingDate: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.assignment.meeting?.start ?? null }),
    agendaItemNumber: t.string({ nullable: true, resolve: (row) => row.assignment.agendaItem?.number ?? null }),
    agendaItemName: t.string({ nullable: true, resolve: (row) => row.assignment.agendaItem?.name ?? null }),
    paperReference: t.string({ nullable: true, resolve: (row) => row.assignment.paper?.reference ?? null }),
    text: t.string({ description: 'Beschluss / Auftrag.', resolve: (row) => row.assignment.text }),
    statusReport: t.field({ type: StatusReport, nullable: true, description: 'The newest status report within the period.', resolve: (row) => row.statusReport }),
    status: t.field({ type: AssignmentStatus, resolve: (row) => row.status }),
  }),
});

ReportDocument.implement({
  fields: (t) => ({
    organization: t.prismaField({ type: Organization, resolve: (query, { report }, _args, ctx) => ctx.prisma.organization.findUniqueOrThrow({ ...query, where: { id: report.organization.id } }) }),
    from: t.field({ type: 'Date', resolve: ({ report }) => report.from }),
    to: t.field({ type: 'Date', resolve: ({ report }) => report.to }),
    rows: t.field({ type: [ReportRowType], resolve: ({ report }) => report.rows }),
    document: t.field({
      type: RenderedReport,
      args: { format: t.arg({ type: DocumentFormat, required: true }) },
      resolve: ({ report, request }, { format }, ctx) =>
        renderedDocument(format, `${ctx.services.config.publicUrl}${reportPath(request)}`, () => reportDocument(report)),
    }),
  }),
});

builder.queryField('resolutionsReport', (t) =>
  t.field({
    type: ReportDocument,
    description:
      'Offene Beschlüsse, Prüf- und Arbeitsaufträge of a committee (and the committees it was renamed from): the assignments decided up to `to` ' +
      'that were reported on, or decided, within the period, with the newest status report of the period.',
    args: {
      organizationId: t.arg.id({ required: true }),
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      status: t.arg({ type: [AssignmentStatus], description: 'Only rows with these statuses.' }),
    },
    resolve: async (_root, args, ctx) => {
      chronological(args.from, args.to, 'to');
      const request = { organizationId: args.organizationId, from: args.from, to: args.to, status: args.status };
      return { report: await buildReport(ctx.prisma, ctx.viewer, request), request };
    },
  }),
);

builder.mutationField('reportAssignmentStatus', (t) =>
  t.prismaField({
    type: Assignment,
    description: 'Appends a status report ("Stand der Ausführung"); the assignment takes the status of its newest report.',
    args: {
      assignmentId: t.arg.id({ required: true }),
      status: t.arg({ type: AssignmentStatus, required: true }),
      text: t.arg.string({ required: true }),
      date: t.arg({ type: 'Date', required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.assignmentId, 'Assignment', 'assignmentId');
      await reportAssignmentStatus(ctx.prisma, id, { status: args.status, text: requiredText(args.text, 'text'), date: args.date });
      return ctx.prisma.assignment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
