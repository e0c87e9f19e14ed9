// GET /reports/resolutions.pdf?organizationId=<ID>&from=YYYY-MM-DD&to=YYYY-MM-DD[&status=DONE,…]
// — the resolutions report as PDF, for the reader of the request's bearer token.
import type { Route } from '../server/route.js';
import { routeViewer } from '../server/route-helpers.js';
import { sendPdf } from '../documents/formats.js';
import { AssignmentStatus } from '../generated/prisma/enums.js';
import { ApiError } from '../errors.js';
import { buildReport, reportDocument, type ReportRequest } from './resolutions-report.js';

const PATH = '/reports/resolutions.pdf';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

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
  if (!organizationId || !DAY.test(from) || !DAY.test(to) || !status.every((s) => s in AssignmentStatus)) return undefined;
  return { organizationId, from: new Date(from), to: new Date(to), status: status as ReportRequest['status'] };
}

export const reportPdfRoute: Route = async (request, response, services) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method !== 'GET' || url.pathname !== PATH) return false;
  const parsed = parse(url);
  if (!parsed) {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('organizationId, from and to (YYYY-MM-DD) are required.');
    return true;
  }
  const viewer = await routeViewer(services, request, response);
  if (!viewer) return true;
  try {
    await sendPdf(response, reportDocument(await buildReport(services.db.prisma, viewer, parsed)), 'Offene-Beschluesse.pdf');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    response.writeHead(error.extensions.code === 'NOT_FOUND' ? 404 : 400, { 'content-type': 'text/plain; charset=utf-8' }).end(error.message);
  }
  return true;
};
