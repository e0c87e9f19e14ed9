// GET /metrics for Prometheus. Not for everyone: with METRICS_TOKEN set it asks for that bearer
// token; without one it is served outside production only.
import { timingSafeEqual } from 'node:crypto';
import type { Route } from '../server/route.js';
import type { Metrics } from './metrics.js';

export function metricsRoute(metrics: Metrics, access: { token?: string; production: boolean }): Route {
  return async (request, response) => {
    if (request.url !== '/metrics') return false;
    if (!access.token && access.production) return false;
    if (access.token && !sameSecret(request.headers.authorization ?? '', `Bearer ${access.token}`)) {
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
      response.end(JSON.stringify({ errors: [{ message: 'The metrics need the METRICS_TOKEN.', extensions: { code: 'UNAUTHENTICATED' } }] }));
      return true;
    }
    response.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
    response.end(await metrics.registry.metrics());
    return true;
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
