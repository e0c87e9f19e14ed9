// Plain HTTP routes beside GraphQL. Each feature module exports a Route; this list mounts them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../services.js';
import { webPagesRoute } from './web-pages.js';
import { minutesPdfRoute } from '../minutes/route.js';
import { reportPdfRoute } from '../report/route.js';
import { fileRoute } from '../files/route.js';
import { oparlRoute } from '../oparl/route.js';

/** Handles the request and returns true, or returns false to let the next route try. */
export type Route = (request: IncomingMessage, response: ServerResponse, services: Services) => Promise<boolean>;

export const healthRoute: Route = async (request, response, services) => {
  if (request.url !== '/health') return false;
  const healthy = await services.db.session.query('SELECT 1').then(() => true, () => false);
  response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ status: healthy ? 'ok' : 'database unavailable', database: services.db.kind }));
  return true;
};

export const routes: Route[] = [healthRoute, webPagesRoute, minutesPdfRoute, reportPdfRoute, fileRoute, oparlRoute];
