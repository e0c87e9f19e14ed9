// What the image's last stage runs, checked without Docker (CI, after `npm run build`): a
// production install (`npm ci --omit=dev`, no TypeScript loader, no Vite) of the compiled server
// and the prebuilt pages in a fresh directory, started with `node dist/main.js` in production
// mode on an embedded database; it must serve the seed meeting and the pages.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const app = await mkdtemp(path.join(tmpdir(), 'council-production-'));
let failed = 0;
let passed = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
  if (ok) passed += 1;
  else failed += 1;
};

// The same files as the Dockerfile's `dependencies` and final stages.
for (const file of ['package.json', 'package-lock.json', 'prisma.config.ts', 'prisma', 'scripts/postinstall.mjs', 'scripts/prisma-generate.mjs']) {
  await cp(path.join(root, file), path.join(app, file), { recursive: true });
}
execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'inherit' });
const installed = new Set(await readdir(path.join(app, 'node_modules')));
check(!['tsx', 'vite', 'vitest'].some((name) => installed.has(name)), 'the production install has no TypeScript loader (tsx), Vite or vitest');
await cp(path.join(root, 'dist'), path.join(app, 'dist'), { recursive: true });
await cp(path.join(root, 'web/dist'), path.join(app, 'web/dist'), { recursive: true });
// The pages' trusted documents, which the server registers at start (src/server/trusted-documents.ts).
await cp(path.join(root, 'web/src/generated/persisted-documents.json'), path.join(app, 'web/src/generated/persisted-documents.json'));

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['dist/main.js'], {
  cwd: app,
  env: { PATH: process.env.PATH, NODE_ENV: 'production', JWT_SECRET: 'check-production-secret', PORT: String(port), DATA_DIR: path.join(app, 'data') },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const exited = new Promise((resolve) => server.once('exit', resolve));
try {
  let up = false;
  for (let attempt = 0; attempt < 600 && !up && server.exitCode === null; attempt += 1) {
    up = await fetch(`${url}/health`).then((response) => response.ok, () => false);
    if (!up) await sleep(200);
  }
  check(up, 'node dist/main.js starts and answers /health');
  if (up) {
    const { seedIds } = await import(pathToFileURL(path.join(app, 'dist/seed/ids.js')).href);
    const { globalIdOf } = await import(pathToFileURL(path.join(app, 'dist/global-id.js')).href);
    const meetingId = globalIdOf('Meeting', seedIds.meeting2024);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($id: ID!) { node(id: $id) { ... on Meeting { name } } }', variables: { id: meetingId } }),
    });
    const { data } = await response.json();
    check(/Ausschuss/.test(data?.node?.name ?? ''), `serves the seed meeting (${data?.node?.name})`);
    const page = await fetch(`${url}/live/${meetingId}`);
    check(page.ok && (await page.text()).includes('<script'), 'serves the prebuilt meeting-room page');
  }
} finally {
  server.kill('SIGTERM');
  await exited;
  await rm(app, { recursive: true, force: true });
}
console.log(`production build: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return free;
}
