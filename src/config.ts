// All configuration comes from the environment; every setting has a default that runs embedded.
import path from 'node:path';
import type { TracingSettings } from './observability/tracing.js';

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
  /** Bearer token for /metrics; without one, /metrics is served outside production only. */
  metricsToken?: string;
  /** OpenTelemetry tracing, when an OTLP endpoint is configured (the exporter reads it itself). */
  tracing?: TracingSettings;
  /** On SIGTERM, how long requests in flight may take before their connections are cut. */
  shutdownTimeoutMs: number;
  limits: Limits;
  rateLimits: RateLimits;
  trustedDocuments: {
    /** Run registered documents only (TRUSTED_DOCUMENTS=only). */
    only: boolean;
    /** A JSON file of SHA-256 hash → document registered for known clients, beside the pages' own. */
    file?: string;
  };
  http: HttpSettings;
}

/** Per client and window; 0 switches a limit off (README "Limits"). */
export interface RateLimits {
  windowSeconds: number;
  /** Root query fields per window of a client without a token, by address. */
  anonymous: number;
  /** Calls per window of each expensive field (minutes, report, search, file text), by token subject or address. */
  expensive: number;
  /** Take the client's address from the last X-Forwarded-For entry (behind one trusted proxy). */
  trustProxy: boolean;
}

/** What one client may ask of an instance (README "Limits"). */
export interface Limits {
  /** Highest cost of one operation (src/server/cost-limit.ts). */
  maxCost: number;
  /** Subscriptions (and operations) running at once on one WebSocket. */
  subscriptionsPerSocket: number;
  /** Largest WebSocket message; a larger one closes the socket with 1009. */
  maxMessageBytes: number;
  /** A WebSocket signed in with a token without `exp` counts it as expiring this long after connecting. */
  tokenLifetimeSeconds: number;
  /** Events a subscriber may have waiting (not yet written to its connection) before it is ended with SUBSCRIBER_TOO_SLOW. */
  subscriberMaxPendingEvents: number;
}

/** What browsers and tools get from /graphql (README "Configuration"). */
export interface HttpSettings {
  /** Origins a browser may call the API from; `*` for any. Never with credentials: tokens are bearer tokens. */
  corsOrigins: string[];
  /** The GraphiQL IDE on GET /graphql in a browser. */
  graphiql: boolean;
  /** Schema introspection (`__schema`, `__type`). */
  introspection: boolean;
  /** How long shared caches may keep the answer to a trusted document asked for over GET without a token; 0: not at all. */
  cacheMaxAgeSeconds: number;
  /** Answers to queries kept in each instance's memory by audience, cleared by every mutation (src/server/response-cache.ts). */
  responseCache: boolean;
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Of temporary credentials (STS, instance and task roles). */
  sessionToken?: string;
  /** `${endpoint}/${bucket}/…` rather than `${bucket}.${endpoint host}/…` (MinIO and most others need it). */
  forcePathStyle: boolean;
}

/** DATA_DIR=:memory: keeps the embedded database in memory (tests, demos). */
export const IN_MEMORY = ':memory:';

export const DEVELOPMENT_JWT_SECRET = 'development-secret-change-me';

/** A setting the instance cannot start with; main.ts prints the message alone and exits. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = portOf(env.PORT || undefined);
  const jwks = urlOf(env, 'JWT_JWKS_URL', ['https:', 'http:']);
  if (production && !jwks && (!env.JWT_SECRET || env.JWT_SECRET === DEVELOPMENT_JWT_SECRET)) {
    throw new ConfigError('JWT_SECRET', 'must be set to a secret of your own with NODE_ENV=production (or set JWT_JWKS_URL for an OpenID Connect provider).');
  }
  const bucket = env.S3_BUCKET || undefined;
  const region = env.S3_REGION || 'us-east-1';
  if (bucket) {
    for (const variable of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      if (!env[variable]) throw new ConfigError(variable, 'must be set with S3_BUCKET.');
    }
  }
  return {
    port,
    databaseUrl: urlOf(env, 'DATABASE_URL', ['postgresql:', 'postgres:']),
    redisUrl: urlOf(env, 'REDIS_URL', ['redis:', 'rediss:']),
    dataDir: dataDirOf(env),
    production,
    jwt: {
      secret: jwks ? undefined : (env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET),
      jwksUrl: jwks,
      issuer: env.JWT_ISSUER || undefined,
      audience: env.JWT_AUDIENCE || undefined,
    },
    exposeQueryStats: flagOf(env, 'EXPOSE_QUERY_STATS', false),
    seed: flagOf(env, 'SEED', true),
    publicUrl: (urlOf(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, ''),
    shutdownTimeoutMs: Number(env.SHUTDOWN_TIMEOUT_MS ?? 10_000),
    metricsToken: env.METRICS_TOKEN || undefined,
    tracing: env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? { serviceName: env.OTEL_SERVICE_NAME || 'council-api' } : undefined,
    s3: bucket ? {
      endpoint: (urlOf(env, 'S3_ENDPOINT', ['http:', 'https:']) ?? `https://s3.${region}.amazonaws.com`).replace(/\/$/, ''),
      bucket,
      region,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
      sessionToken: env.S3_SESSION_TOKEN || env.AWS_SESSION_TOKEN || undefined,
      forcePathStyle: flagOf(env, 'S3_FORCE_PATH_STYLE', true),
    } : undefined,
    limits: {
      maxCost: positiveInteger(env, 'MAX_COST', 50_000),
      subscriptionsPerSocket: positiveInteger(env, 'WS_MAX_SUBSCRIPTIONS', 100),
      maxMessageBytes: positiveInteger(env, 'WS_MAX_MESSAGE_BYTES', 1024 * 1024),
      tokenLifetimeSeconds: positiveInteger(env, 'TOKEN_MAX_LIFETIME_SECONDS', 24 * 60 * 60),
      subscriberMaxPendingEvents: positiveInteger(env, 'SUBSCRIBER_MAX_PENDING_EVENTS', 1_000),
    },
    rateLimits: {
      windowSeconds: positiveInteger(env, 'RATE_LIMIT_WINDOW_SECONDS', 60),
      anonymous: positiveInteger(env, 'RATE_LIMIT_ANONYMOUS', 1_200, 0),
      expensive: positiveInteger(env, 'RATE_LIMIT_EXPENSIVE', 120, 0),
      trustProxy: flagOf(env, 'TRUST_PROXY', false),
    },
    trustedDocuments: {
      only: trustedDocumentsOnly(env.TRUSTED_DOCUMENTS),
      file: env.TRUSTED_DOCUMENTS_FILE ? path.resolve(env.TRUSTED_DOCUMENTS_FILE) : undefined,
    },
    http: {
      corsOrigins: (env.CORS_ORIGINS || '*').split(',').map((origin) => origin.trim()).filter(Boolean),
      graphiql: flagOf(env, 'GRAPHIQL', !production),
      introspection: flagOf(env, 'INTROSPECTION', true),
      cacheMaxAgeSeconds: positiveInteger(env, 'HTTP_CACHE_MAX_AGE', 10, 0),
      responseCache: flagOf(env, 'RESPONSE_CACHE', false),
    },
  };
}

/** Where an embedded installation keeps its database and its uploaded files under DATA_DIR. */
export const embeddedPaths = (dataDir: string) => ({ database: path.join(dataDir, 'pglite'), files: path.join(dataDir, 'files') });

/** DATA_DIR alone, for the commands that need nothing else (backup, restore). */
export const dataDirOf = (env: NodeJS.ProcessEnv) => (env.DATA_DIR === IN_MEMORY ? IN_MEMORY : path.resolve(env.DATA_DIR ?? './data'));

function portOf(value = '4000'): number {
  const port = Number(value);
  // 0 lets the system choose (tests).
  if (!/^\d+$/.test(value) || port > 65535) throw new ConfigError('PORT', `must be a port number from 0 to 65535, not "${value}".`);
  return port;
}

/** The URL in `variable`, checked to parse and to have one of `protocols`; never echoed (it may hold a password). */
function urlOf(env: NodeJS.ProcessEnv, variable: string, protocols: string[]): string | undefined {
  const value = env[variable];
  if (!value) return undefined;
  if (!URL.canParse(value) || !protocols.includes(new URL(value).protocol)) {
    throw new ConfigError(variable, `is not a valid URL (expected ${protocols.map((protocol) => `${protocol}//…`).join(' or ')}).`);
  }
  return value;
}

function flagOf(env: NodeJS.ProcessEnv, variable: string, fallback: boolean): boolean {
  const value = env[variable];
  if (!value) return fallback;
  if (value !== 'true' && value !== 'false') throw new ConfigError(variable, `must be true or false, not "${value}".`);
  return value === 'true';
}

function trustedDocumentsOnly(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'registered-or-any') return false;
  if (value === 'only') return true;
  throw new ConfigError('TRUSTED_DOCUMENTS', `must be "only" or "registered-or-any", not "${value}".`);
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, least = 1): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < least) throw new ConfigError(name, `must be a whole number of at least ${least}, not "${value}".`);
  return number;
}
