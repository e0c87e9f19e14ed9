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
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    instance.stop().then(() => process.exit(0), () => process.exit(1));
  });
}
