import { loadConfig } from './config.js';
import { startInstance } from './start.js';

const config = loadConfig();
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
