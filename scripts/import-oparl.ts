// Imports an OParl system into the configured database (DATABASE_URL, or the embedded one).
// Usage: npm run import:oparl -- <system URL | directory of JSON files> [--state <file>] [--margin-minutes <n>] [--reference-files]
// File contents are fetched into the file store; with --reference-files they are only referenced by their URL.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IN_MEMORY, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { openFileStore } from '../src/files/open-store.js';
import { DirectorySource, HttpSource, type Source } from '../src/oparl/client.js';
import { Flaws } from '../src/oparl/flaws.js';
import { Importer } from '../src/oparl/importer.js';
import { StateFile } from '../src/oparl/state.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { state: { type: 'string' }, 'margin-minutes': { type: 'string', default: '60' }, 'reference-files': { type: 'boolean', default: false } },
});
const [target] = positionals;
if (!target) {
  console.error('Usage: npm run import:oparl -- <system URL | directory of JSON files> [--state <file>] [--margin-minutes <n>] [--reference-files]');
  process.exit(2);
}
const config = loadConfig();
const flaws = new Flaws();
const isDirectory = !/^https?:\/\//.test(target) && (await stat(target)).isDirectory();
const http = new HttpSource(target, flaws);
const source: Source = isDirectory ? await DirectorySource.open(path.resolve(target), flaws) : http;
const stateFile = values.state ?? path.join(config.dataDir === IN_MEMORY ? '.' : config.dataDir, `oparl-import-${createHash('sha1').update(source.systemUrl).digest('hex').slice(0, 12)}.json`);

const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const store = await openFileStore(config);
try {
  await db.migrate();
  const summary = await new Importer({
    prisma: db.prisma,
    source,
    state: new StateFile(stateFile),
    flaws,
    safetyMarginMs: Number(values['margin-minutes']) * 60_000,
    // A directory's Files name their contents by URL too: those are fetched over HTTP.
    files: values['reference-files'] ? undefined : { store, downloader: http },
  }).run();
  console.log(JSON.stringify({ source: source.systemUrl, state: stateFile, ...summary }, null, 2));
  process.exitCode = summary.complete ? 0 : 1;
} finally {
  await store.close();
  await db.close();
}
