// GET /reports/resolutions.pdf?organizationId=<ID>&from=YYYY-MM-DD&to=YYYY-MM-DD[&status=DONE,…]
// — the resolutions report as PDF, for the reader of the request's bearer token.
import type { Route } from '../server/route.js';
import { routeViewer, sendError } from '../server/route-helpers.js';
import { parseIsoDate } from '../iso-dates.js';
import { sendPdf } from '../documents/formats.js';
import { AssignmentStatus } from '../generated/prisma/enums.js';
import { ApiError, type ErrorCode } from '../errors.js';
import { buildReport, reportDocument, type ReportRequest } from './resolutions-report.js';

const PATH = '/reports/resolutions.pdf';

export function reportPath(request: ReportRequest): string {
  const query = new URLSearchParams({
    organizationId: request.organizationId,
    from: request.from.toISOString().slice(0, 10),
    to: request.to.toISOString().slice(0, 10),
  });
  if (request.status?.length) query.set('status', request.status.join(','));
  return `${PATH}?${query}`;
}

function parse(url: URL): ReportRequest | undefined {
  const [organizationId, from, to] = ['organizationId', 'from', 'to'].map((name) => url.searchParams.get(name) ?? '');
  const status = (url.searchParams.get('status') ?? '').split(',').filter(Boolean);
  const [fromDay, toDay] = [parseIsoDate(from), parseIsoDate(to)];
  if (!organizationId || !fromDay || !toDay || !status.every((s) => s in AssignmentStatus)) return undefined;
  return { organizationId, from: fromDay, to: toDay, status: status as ReportRequest['status'] };
}

export const reportPdfRoute: Route = async (request, response, services) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method !== 'GET' || url.pathname !== PATH) return false;
  const parsed = parse(url);
  if (!parsed) return sendError(response, 400, 'BAD_USER_INPUT', 'organizationId, from and to (YYYY-MM-DD) are required; status is a list of AssignmentStatus.');
  const viewer = await routeViewer(services, request, response);
  if (!viewer) return true;
  try {
    await sendPdf(request, response, services.redis, reportDocument(await buildReport(services.db.prisma, viewer, parsed)), 'Offene-Beschluesse.pdf');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const code = error.extensions.code as ErrorCode;
    sendError(response, code === 'NOT_FOUND' ? 404 : 400, code, error.message);
  }
  return true;
};
