// GET /health: 200 while the database answers, 503 otherwise (for load balancers).
import type { Route } from './route.js';

export const healthRoute: Route = async (request, response, services) => {
  if (request.url !== '/health') return false;
  const healthy = await services.db.session.query('SELECT 1').then(() => true, () => false);
  response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ status: healthy ? 'ok' : 'database unavailable', database: services.db.kind }));
  return true;
};
