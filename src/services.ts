// What lives as long as the process: configuration, database, Redis, pub/sub, token verification, file store.
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { TokenVerifier } from './auth/token.js';
import type { LiveMeetings } from './live/live-meetings.js';
import type { FileStore } from './files/store.js';
import type { Tracing } from './observability/tracing.js';
import type { Redis } from './redis.js';

export interface Services {
  config: Config;
  db: Database;
  verifyToken: TokenVerifier;
  /** The connections to Redis, when REDIS_URL is set. */
  redis?: Redis;
  /** Pub/sub and per-meeting event feeds of running meetings. */
  live: LiveMeetings;
  /** Where uploaded and imported file contents live. */
  files: FileStore;
  /** A span per GraphQL operation, when an OTLP endpoint is configured. */
  tracing?: Tracing;
}
