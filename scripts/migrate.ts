// Applies pending migrations to the configured database (DATABASE_URL, or the embedded one).
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const applied = await db.migrate();
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
await db.close();
