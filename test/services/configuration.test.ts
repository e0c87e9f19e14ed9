// A bad setting stops the real start (`tsx src/main.ts`, as `npm run dev`; `node dist/main.js`
// shares main.ts) with one line naming the variable and a non-zero exit code, before anything
// is opened or listened on.
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config.js';
import { run } from '../support/processes.js';

async function start(env: Record<string, string>) {
  const api = run('npx', ['tsx', 'src/main.ts'], { PORT: '0', DATA_DIR: ':memory:', NODE_ENV: 'development', ...env });
  const code = await api.exited;
  return { code, stderr: api.errorOutput() };
}

const cases: [string, Record<string, string>, string][] = [
  ['an unparsable DATABASE_URL', { DATABASE_URL: 'postgresql://council:s3cret@db:99999/council' }, 'DATABASE_URL'],
  ['a DATABASE_URL of another kind of database', { DATABASE_URL: 'mysql://council@db/council' }, 'DATABASE_URL'],
  ['a REDIS_URL without its scheme', { REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
  ['S3_BUCKET without the secret', { S3_BUCKET: 'council', S3_ACCESS_KEY_ID: 'key' }, 'S3_SECRET_ACCESS_KEY'],
  ['production with the development token secret', { NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET }, 'JWT_SECRET'],
  ['production with no token secret at all', { NODE_ENV: 'production' }, 'JWT_SECRET'],
  ['a PORT that is no number', { PORT: 'eighty' }, 'PORT'],
  ['a PORT out of range', { PORT: '70000' }, 'PORT'],
  ['a SEED that is neither true nor false', { SEED: 'yes' }, 'SEED'],
];

describe('configuration errors', () => {
  it.concurrent.each(cases)('%s stops the start with one line naming the variable', async (_, env, variable) => {
    const { code, stderr } = await start(env);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Configuration error: ${variable} `));
    // A URL may carry a password: the line never repeats the value.
    expect(stderr).not.toContain('s3cret');
  });
});
