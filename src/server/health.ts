// Liveness and readiness, separate as load balancers and orchestrators want them. /health says
// the process serves HTTP (restart it if not) and asks nothing else, so that a database outage
// does not get every instance restarted; /ready says whether it should get traffic now.
import type { ServerResponse } from 'node:http';
import { readMigrations } from '../db/migrate.js';
import type { Drain } from './drain.js';
import type { Route } from './route.js';

export const healthRoute: Route = async (request, response) => {
  if (request.url !== '/health') return false;
  json(response, 200, { status: 'ok' });
  return true;
};

/**
 * 200 when the instance is not shutting down, its database answers, every migration of this
 * version is applied, and Redis is connected (when configured); otherwise 503 naming the check.
 */
export function readinessRoute(drain: Pick<Drain, 'draining'>): Route {
  let migrationNames: Promise<string[]> | undefined;
  return async (request, response, services) => {
    if (request.url !== '/ready') return false;
    migrationNames ??= readMigrations().then((migrations) => migrations.map((migration) => migration.name));
    const names = await migrationNames;
    const applied = await services.db.session
      .query<{ count: number }>(
        'SELECT count(*)::int AS count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL AND migration_name = ANY($1)',
        [names],
      )
      .then(([row]) => row?.count, () => undefined);
    const checks = {
      shutdown: !drain.draining,
      database: applied !== undefined,
      migrations: applied === names.length,
      redis: services.redis?.connected() ?? true,
    };
    const ready = Object.values(checks).every(Boolean);
    json(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
    return true;
  };
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
