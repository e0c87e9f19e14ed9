// `npm run backup -- <dir>` and `npm run restore -- <dir>` (compiled: `node dist/backup/cli.js
// backup|restore <dir>`): DATA_DIR read as the server reads it, errors as one line.
import { dataDirOf, IN_MEMORY } from '../config.js';
import { backUp, BackupError, restore } from './embedded.js';

const [command, dir] = process.argv.slice(2);
const dataDir = dataDirOf(process.env);
try {
  if (!dir || (command !== 'backup' && command !== 'restore')) throw new BackupError('Usage: backup|restore <backup directory>');
  if (process.env.DATABASE_URL) throw new BackupError('DATABASE_URL is set: back up PostgreSQL with pg_dump and restore with pg_restore.');
  if (dataDir === IN_MEMORY) throw new BackupError('DATA_DIR=:memory: keeps nothing to back up.');
  if (command === 'backup') await backUp(dataDir, dir);
  else await restore(dir, dataDir);
  console.log(command === 'backup' ? `Backed up ${dataDir} into ${dir}` : `Restored ${dir} into ${dataDir}`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
