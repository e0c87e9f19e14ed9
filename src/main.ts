import { ConfigError, loadConfig, type Config } from './config.js';
import { startInstance } from './start.js';
import { logger } from './observability/logger.js';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // One line an operator can act on, no stack.
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}
const instance = await startInstance(config);
logger.info(
  { url: `${config.publicUrl}/graphql`, database: instance.services.db.kind, dataDir: instance.services.db.kind === 'pglite' ? config.dataDir : undefined, pubsub: config.redisUrl ? 'redis' : 'in-process' },
  'Council API listening',
);
// The first signal drains (src/server/drain.ts); a second one, from an impatient operator, exits at once.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'Draining');
    instance.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  });
}
