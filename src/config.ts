// All configuration comes from the environment; every setting has a default that runs embedded.
import path from 'node:path';

export interface Config {
  port: number;
  /** PostgreSQL when set; otherwise an in-process PGlite under dataDir. */
  databaseUrl?: string;
  /** Redis pub/sub across instances when set; otherwise in-process. */
  redisUrl?: string;
  /** Embedded database and file storage; ':memory:' for a throwaway database. */
  dataDir: string;
  production: boolean;
  jwt: {
    secret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
  };
  /** Put the SQL statement count of each request into `extensions` (tests, benchmarks). */
  exposeQueryStats: boolean;
  /** Seed the meeting of the seed documents into an empty database. */
  seed: boolean;
  publicUrl: string;
  /** File contents in an S3-compatible bucket when set; otherwise under dataDir. */
  s3?: S3Settings;
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `${endpoint}/${bucket}/…` rather than `${bucket}.${endpoint host}/…` (MinIO and most others need it). */
  forcePathStyle: boolean;
}

/** DATA_DIR=:memory: keeps the embedded database in memory (tests, demos). */
export const IN_MEMORY = ':memory:';

export const DEVELOPMENT_JWT_SECRET = 'development-secret-change-me';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 4000);
  const jwks = env.JWT_JWKS_URL || undefined;
  if (production && !jwks && !env.JWT_SECRET) {
    throw new Error('In production set JWT_JWKS_URL (OpenID Connect) or JWT_SECRET.');
  }
  const bucket = env.S3_BUCKET || undefined;
  const region = env.S3_REGION || 'us-east-1';
  if (bucket && !(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY)) {
    throw new Error('With S3_BUCKET set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY.');
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir: env.DATA_DIR === IN_MEMORY ? IN_MEMORY : path.resolve(env.DATA_DIR ?? './data'),
    production,
    jwt: {
      secret: jwks ? undefined : (env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET),
      jwksUrl: jwks,
      issuer: env.JWT_ISSUER || undefined,
      audience: env.JWT_AUDIENCE || undefined,
    },
    exposeQueryStats: env.EXPOSE_QUERY_STATS === 'true',
    seed: env.SEED !== 'false',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    s3: bucket ? {
      endpoint: (env.S3_ENDPOINT || `https://s3.${region}.amazonaws.com`).replace(/\/$/, ''),
      bucket,
      region,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
    } : undefined,
  };
}
