// Starts one instance: opens the database, migrates, seeds an empty embedded database, listens.
import { loadConfig, type Config } from './config.js';
import { createTokenVerifier } from './auth/token.js';
import { openDatabase } from './db/database.js';
import { createApp, type App } from './server/app.js';
import { createLiveMeetings } from './live/live-meetings.js';
import { openFileStore } from './files/open-store.js';
import { seedDatabase } from './seed/index.js';
import { startTracing } from './observability/tracing.js';
import { connectRedis } from './redis.js';
import { warmPdfWorker } from './documents/pdf-thread.js';
import type { Services } from './services.js';

export interface Instance {
  app: App;
  services: Services;
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startInstance(config: Config = loadConfig(), host?: string): Promise<Instance> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await db.migrate();
  if (config.seed) await seedDatabase(db.prisma);
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
  const services: Services = {
    config,
    db,
    verifyToken: createTokenVerifier(config.jwt),
    redis,
    live: createLiveMeetings(redis, db.prisma, config.limits),
    files: await openFileStore(config),
    tracing: config.tracing && (await startTracing(config.tracing)),
  };
  const app = createApp(services);
  const port = await app.listen(config.port, host);
  // In production only: elsewhere most instances (tests, development) never render a PDF.
  if (config.production) warmPdfWorker();
  return {
    app,
    services,
    port,
    url: `http://${host ?? 'localhost'}:${port}`,
    stop: async () => {
      await app.close();
      // Exports the spans still buffered.
      await services.tracing?.shutdown();
      await services.live.close();
      redis?.close();
      await services.files.close();
      await db.close();
    },
  };
}
