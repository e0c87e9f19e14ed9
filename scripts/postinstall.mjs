// After `npm ci`: the Prisma client always; in a development install also the typed documents and
// the pages, so that tests and `npm run dev` work at once. A production install
// (`npm ci --omit=dev`, the image) has no Vite and no codegen and takes the pages from the build.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (script) => execSync(`npm run ${script}`, { cwd: root, stdio: 'inherit' });

run('generate');
if (existsSync(`${root}node_modules/vite/package.json`)) run('build:web');
