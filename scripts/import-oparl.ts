// Imports an OParl system into the configured database (DATABASE_URL, or the embedded one).
// Usage: npm run import:oparl -- <system URL | directory of JSON files> [--state <file>] [--margin-minutes <n>]
// Files are referenced by their URL (there is no file store to fetch them into yet).
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { DirectorySource, HttpSource, type Source } from '../src/oparl/client.js';
import { Flaws } from '../src/oparl/flaws.js';
import { Importer } from '../src/oparl/importer.js';
import { StateFile } from '../src/oparl/state.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { state: { type: 'string' }, 'margin-minutes': { type: 'string', default: '60' } },
});
const [target] = positionals;
if (!target) {
  console.error('Usage: npm run import:oparl -- <system URL | directory of JSON files> [--state <file>] [--margin-minutes <n>]');
  process.exit(2);
}
const config = loadConfig();
const flaws = new Flaws();
const isDirectory = !/^https?:\/\//.test(target) && (await stat(target)).isDirectory();
const source: Source = isDirectory ? await DirectorySource.open(path.resolve(target), flaws) : new HttpSource(target, flaws);
const stateFile = values.state ?? path.join(config.dataDir === ':memory:' ? '.' : config.dataDir, `oparl-import-${createHash('sha1').update(source.systemUrl).digest('hex').slice(0, 12)}.json`);

const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await db.migrate();
  const summary = await new Importer({
    prisma: db.prisma,
    source,
    state: new StateFile(stateFile),
    flaws,
    safetyMarginMs: Number(values['margin-minutes']) * 60_000,
  }).run();
  console.log(JSON.stringify({ source: source.systemUrl, state: stateFile, ...summary }, null, 2));
  process.exitCode = summary.complete ? 0 : 1;
} finally {
  await db.close();
}
