import { ConfigError, loadConfig, type Config } from './config.js';
import { startInstance } from './start.js';

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
console.log(
  `Council API on ${config.publicUrl}/graphql (database: ${instance.services.db.kind}` +
    `${instance.services.db.kind === 'pglite' ? ` in ${config.dataDir}` : ''}, pub/sub: ${config.redisUrl ? 'redis' : 'in-process'})`,
);
// The first signal drains (src/server/drain.ts); a second one, from an impatient operator, exits at once.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    instance.stop().then(() => process.exit(0), () => process.exit(1));
  });
}
