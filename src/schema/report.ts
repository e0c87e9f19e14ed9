// Query.resolutionsReport and Mutation.reportAssignmentStatus: the report of open resolutions and
// assignments (src/report/) and the appended history of their execution.
import { buildReport, reportDocument, type ReportRequest, type ReportRow, type ResolutionsReport } from '../report/resolutions-report.js';
import { reportPath } from '../report/route.js';
import { reportAssignmentStatus } from '../report/status-reports.js';
import { builder } from './builder.js';
import { expensive } from './cost.js';
import { mutation } from './descriptions.js';
import { Assignment, AssignmentStatus, StatusReport } from './assignment.js';
import { DocumentFormat, renderedDocument, renderedDocumentType } from './document.js';
import { idOf } from '../global-id.js';
import { requiredText } from './validate.js';
import { Organization } from './organization.js';

const ReportDocument = builder.objectRef<{ report: ResolutionsReport; request: ReportRequest }>('ResolutionsReport');
const RenderedReport = renderedDocumentType('ResolutionsReportDocument', 'The resolutions report in one format, laid out as the printed report.');

const ReportRowType = builder.objectRef<ReportRow>('ResolutionsReportRow').implement({
  description: 'One row: the decision or assignment, the newest status report of the period and the status.',
  fields: (t) => ({
    assignment: t.field({ type: Assignment, description: 'The assignment.', resolve: (row) => row.assignment }),
    meetingDate: t.field({ type: 'DateTime', nullable: true, description: 'Start of the deciding meeting (UTC).', resolve: (row) => row.assignment.meeting?.start ?? null }),
    agendaItemNumber: t.string({ nullable: true, description: 'Number of the agenda item (TOP).', resolve: (row) => row.assignment.agendaItem?.number ?? null }),
    agendaItemName: t.string({ nullable: true, description: 'Title of the agenda item.', resolve: (row) => row.assignment.agendaItem?.name ?? null }),
    paperReference: t.string({ nullable: true, description: 'Reference of the paper (Vorlagen-Nr.).', resolve: (row) => row.assignment.paper?.reference ?? null }),
    text: t.string({ description: 'Beschluss / Auftrag.', resolve: (row) => row.assignment.text }),
    statusReport: t.field({ type: StatusReport, nullable: true, description: 'The newest status report within the period.', resolve: (row) => row.statusReport }),
    status: t.field({ type: AssignmentStatus, description: 'The status at the end of the period.', resolve: (row) => row.status }),
  }),
});

ReportDocument.implement({
  description: 'The report of open resolutions and assignments of a committee for a period, as rows and as a document. Rows of items the viewer may not read are left out.',
  fields: (t) => ({
    organization: t.prismaField({ type: Organization, description: 'The committee (its current name).', resolve: (query, { report }, _args, ctx) => ctx.prisma.organization.findUniqueOrThrow({ ...query, where: { id: report.organization.id } }) }),
    from: t.field({ type: 'Date', description: 'First day of the period.', resolve: ({ report }) => report.from }),
    to: t.field({ type: 'Date', description: 'Last day of the period.', resolve: ({ report }) => report.to }),
    rows: t.field({ type: [ReportRowType], description: 'In the order of the printed report: by meeting date, then agenda order.', resolve: ({ report }) => report.rows }),
    document: t.field({
      type: RenderedReport,
      description: 'The report as a document.',
      args: { format: t.arg({ type: DocumentFormat, required: true, description: 'Markdown or HTML inline, or a PDF link.' }) },
      resolve: ({ report, request }, { format }, ctx) =>
        renderedDocument(format, `${ctx.services.config.publicUrl}${reportPath(request)}`, () => reportDocument(report)),
    }),
  }),
});

builder.queryField('resolutionsReport', (t) =>
  t.field({
    type: ReportDocument,
    complexity: expensive.resolutionsReport,
    description:
      'Offene Beschlüsse, Prüf- und Arbeitsaufträge of a committee (and the committees it was renamed from): the assignments decided up to `to` ' +
      'that were reported on, or decided, within the period, with the newest status report of the period. Errors: BAD_USER_INPUT, NOT_FOUND.',
    args: {
      organizationId: t.arg.id({ required: true, description: 'The committee.' }),
      from: t.arg({ type: 'Date', required: true, description: 'First day of the period.' }),
      to: t.arg({ type: 'Date', required: true, description: 'Last day of the period; not before from.' }),
      status: t.arg({ type: [AssignmentStatus], description: 'Only rows with these statuses.' }),
    },
    resolve: async (_root, args, ctx) => {
      const request = { organizationId: args.organizationId, from: args.from, to: args.to, status: args.status };
      return { report: await buildReport(ctx.prisma, ctx.viewer, request), request };
    },
  }),
);

builder.mutationField('reportAssignmentStatus', (t) =>
  t.prismaField({
    type: Assignment,
    description: mutation('Appends a status report ("Stand der Ausführung"); the assignment takes the status of its newest report.', ['NOT_FOUND']),
    args: {
      assignmentId: t.arg.id({ required: true, description: 'The assignment.' }),
      status: t.arg({ type: AssignmentStatus, required: true, description: 'The status reported.' }),
      text: t.arg.string({ required: true, description: 'Stand der Ausführung mit kurzer Begründung.' }),
      date: t.arg({ type: 'Date', required: true, description: 'The day of the report.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.assignmentId, 'Assignment', 'assignmentId');
      await reportAssignmentStatus(ctx.prisma, id, { status: args.status, text: requiredText(args.text, 'text'), date: args.date });
      return ctx.prisma.assignment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
