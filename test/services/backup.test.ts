// An embedded installation backed up with `npm run backup` and restored with `npm run restore`
// into a fresh DATA_DIR: the restored instance serves the seed meeting and the uploaded file,
// although it is started with SEED=false (so the data can only have come from the backup).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../../src/seed/ids.js';
import { globalIdOf } from '../../src/global-id.js';
import { graphqlClient } from '../../scripts/graphql-client.js';
import { tokenFor } from '../support/server.js';
import { uploadFile } from '../support/files.js';
import { run, startApi } from '../support/processes.js';

let root: string;
const dir = (name: string) => path.join(root, name);
const npmRun = async (script: string, args: string[], env: Record<string, string>) => {
  const command = run('npm', ['run', '--silent', script, '--', ...args], env);
  return { code: await command.exited, output: command.output() };
};

const MEETING = `query($id: ID!) { node(id: $id) { ... on Meeting { name start } } }`;
const FILE = `query($id: ID!) { node(id: $id) { ... on File { name downloadUrl } } }`;
const CONTENT = new TextEncoder().encode('Niederschrift, Anlage 1\n');

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'council-backup-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('backup of an embedded installation', () => {
  it('restores into a fresh DATA_DIR the seed meeting and the stored files, and never over a database', { timeout: 300_000 }, async () => {
    const clerk = await tokenFor(['clerk']);
    const meetingId = globalIdOf('Meeting', seedIds.meeting2024);

    const original = await startApi({ DATA_DIR: dir('original') });
    const before = await graphqlClient(original.url)(MEETING, { id: meetingId });
    const uploaded = await uploadFile(original, CONTENT, 'anlage-1.txt', { name: 'Anlage 1' }, clerk, 'text/plain');
    const fileId = uploaded.data!.uploadFile.id;
    await original.stop();

    expect(await npmRun('backup', [dir('backup')], { DATA_DIR: dir('original') })).toMatchObject({ code: 0 });
    expect(await npmRun('restore', [dir('backup')], { DATA_DIR: dir('restored') })).toMatchObject({ code: 0 });
    // A second restore would overwrite what the restored instance writes: refused, in one line.
    const again = await npmRun('restore', [dir('backup')], { DATA_DIR: dir('restored') });
    expect(again.code).toBe(1);
    expect(again.output.trim()).toMatch(/^\S+ \(DATA_DIR\) already holds a database: restore into an empty one\.$/);

    const restored = await startApi({ DATA_DIR: dir('restored'), SEED: 'false' });
    try {
      const after = await graphqlClient(restored.url)(MEETING, { id: meetingId });
      expect(after.node).toEqual(before.node);
      expect(after.node.name).toContain('Ausschuss');
      const { node: file } = await graphqlClient(restored.url, clerk)(FILE, { id: fileId });
      expect(file.name).toBe('Anlage 1');
      const download = await fetch(file.downloadUrl.replace(/^https?:\/\/[^/]+/, restored.url), { headers: { authorization: `Bearer ${clerk}` } });
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(CONTENT);
    } finally {
      await restored.stop();
    }
  });
});
