// What lives as long as the process: configuration, database, pub/sub, token verification.
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { TokenVerifier } from './auth/token.js';

export interface Services {
  config: Config;
  db: Database;
  verifyToken: TokenVerifier;
}
