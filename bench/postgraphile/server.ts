// PostGraphile v5 as a new user would run it (the Amber preset, grafserv on node:http), over the
// anonymous reader's views (./anonymous-views.sql), for bench:postgraphile. Its own process:
// DATABASE_URL and PORT from the environment; prints "listening" once it serves.
import './with-resolvers.js';
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['postgraphile_anonymous'] })],
  grafserv: { graphqlPath: '/graphql', graphiql: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
await pgl.getSchema();
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', async () => {
  server.close();
  await pgl.release();
  process.exit(0);
});
