// Starts a real server for a test file, on the backend the vitest project names (TEST_BACKEND):
// an in-memory PGlite, or a fresh PostgreSQL database created for this file and dropped after.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DEVELOPMENT_JWT_SECRET, loadConfig, type Config } from '../../src/config.js';
import { signDevelopmentToken, type Role } from '../../src/auth/token.js';
import { startInstance, type Instance } from '../../src/start.js';
import { globalIdOf } from '../../src/global-id.js';
import { graphqlClient, type Gql } from '../../scripts/graphql-client.js';

export const backend = (process.env.TEST_BACKEND ?? 'pglite') as 'pglite' | 'postgresql';
export const adminDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A new empty PostgreSQL database; `drop` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `council_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminDatabaseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestServer extends Instance {
  /** POST a GraphQL operation; returns the parsed JSON body (data, errors, extensions). */
  graphql<T = any, V = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
}

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
  extensions?: { sqlStatements?: number; [key: string]: unknown };
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const database = backend === 'postgresql' ? await createTestDatabase() : undefined;
  const config: Config = {
    // Tests send thousands of requests from one address: rate limits only where a test asks for them.
    ...loadConfig({ NODE_ENV: 'test', DATA_DIR: ':memory:', EXPOSE_QUERY_STATS: 'true', PORT: '0', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_EXPENSIVE: '0' }),
    databaseUrl: database?.url,
    ...overrides,
  };
  const instance = await startInstance(config, '127.0.0.1');
  const url = `http://127.0.0.1:${instance.port}`;
  return {
    ...instance,
    url,
    stop: async () => {
      await instance.stop();
      await database?.drop();
    },
    graphql: async (query, variables, token) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
      });
      return response.json() as Promise<GraphQLResponse<any>>;
    },
  };
}

/** A development token for a seed person (by UUID) and roles. */
export function tokenFor(roles: Role[], personId?: string, expiresIn?: string | number): Promise<string> {
  return signDevelopmentToken(DEVELOPMENT_JWT_SECRET, {
    sub: personId ? globalIdOf('Person', personId) : undefined,
    roles,
    expiresIn,
  });
}

/** A meeting-room display's token: reads the closed sessions of these organizations (UUIDs). */
export function displayTokenFor(organizationIds: string[]): Promise<string> {
  return signDevelopmentToken(DEVELOPMENT_JWT_SECRET, { roles: [], organizations: organizationIds.map((id) => globalIdOf('Organization', id)) });
}

/** A started server, a clerk's token and a client that sends it: what most test files begin with. */
export async function startClerkSession(): Promise<{ server: TestServer; clerk: string; gql: Gql }> {
  const server = await startTestServer();
  const clerk = await tokenFor(['clerk']);
  return { server, clerk, gql: graphqlClient(server.url, clerk) };
}
