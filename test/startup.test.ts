// Starting is idempotent and safe in parallel: migrations once, seed once, data kept.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { startInstance } from '../src/start.js';
import { backend, createTestDatabase } from './support/server.js';

let dataDir: string;
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let config: Config;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'council-'));
  database = backend === 'postgresql' ? await createTestDatabase() : undefined;
  config = { ...loadConfig({ DATA_DIR: dataDir, PORT: '0' }), databaseUrl: database?.url };
});
afterAll(async () => {
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const graphql = async (url: string, query: string) =>
  (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json();

it('a restart neither duplicates the seed nor loses data written before', async () => {
  const first = await startInstance(config, '127.0.0.1');
  const counts = await graphql(first.url, `{ persons { totalCount } meetings { totalCount } }`);
  await first.services.db.prisma.person.create({ data: { bodyId: (await first.services.db.prisma.body.findFirstOrThrow()).id, name: 'Nach dem Start' } });
  await first.stop();

  const second = await startInstance(config, '127.0.0.1');
  const after = await graphql(second.url, `{ persons { totalCount } meetings { totalCount } }`);
  await second.stop();
  expect(after.data.meetings.totalCount).toBe(counts.data.meetings.totalCount);
  expect(after.data.persons.totalCount).toBe(counts.data.persons.totalCount + 1);
});
