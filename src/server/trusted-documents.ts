// Trusted documents: operations registered ahead of time, asked for by their SHA-256 hash
// (`extensions.persistedQuery.sha256Hash`, as Apollo's and Yoga's clients send it), over POST,
// GET (so that HTTP caches can serve them) and WebSocket. The registry is the pages' own
// documents (codegen's persisted documents of web/) plus a file of documents registered for known
// clients. With TRUSTED_DOCUMENTS=only a public deployment runs nothing else.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { ApiError, type ErrorCode } from '../errors.js';
import type { Config } from '../config.js';

/** Written by `npm run codegen` (codegen.ts, client-preset `persistedDocuments`). */
const PAGE_DOCUMENTS = fileURLToPath(new URL('../../web/src/generated/persisted-documents.json', import.meta.url));

export interface TrustedDocuments {
  /** Yoga plugin: resolves hashes over HTTP, refuses other documents when `only`. */
  plugin: Plugin;
  /** The document of a graphql-ws subscribe message, or a coded refusal. */
  documentOf(payload: { query?: string; extensions?: Record<string, unknown> | null }): string;
}

type Registry = Map<string, string>;

function readRegistry(file: string): Registry {
  let documents: unknown;
  try {
    documents = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the trusted documents in ${file}: ${(error as Error).message}`);
  }
  if (!documents || typeof documents !== 'object' || Array.isArray(documents)) throw new Error(`${file} must be a JSON object of SHA-256 hash (hex, optionally "sha256:"-prefixed) to document.`);
  const registry: Registry = new Map();
  for (const [key, document] of Object.entries(documents)) {
    const hash = key.replace(/^sha256:/, ''); // codegen writes "sha256:<hex>"
    // A hash that does not fit its document would let a client run something else than registered.
    if (typeof document !== 'string' || sha256(document) !== hash) throw new Error(`In ${file} the document of ${key} is not a string whose SHA-256 hash is ${hash}.`);
    registry.set(hash, document);
  }
  return registry;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function hashOf(extensions: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

// 400 under every media type (`spec: false`): without a document to run this is no GraphQL request
// that src/server/graphql-over-http.ts would answer 200 under application/json.
const refusal = (code: ErrorCode, message: string) => new ApiError(code, message, { http: { status: 400, spec: false } });
const notRegistered = () => refusal('PERSISTED_QUERY_NOT_FOUND', 'No document is registered under this hash.');
const noDocument = () => refusal('BAD_USER_INPUT', 'Send a query, or the hash of a registered document in extensions.persistedQuery.sha256Hash.');
const onlyRegistered = () => refusal('PERSISTED_QUERY_ONLY', 'This server runs registered documents only: send extensions.persistedQuery.sha256Hash instead of the query.');

export function trustedDocuments(settings: Config['trustedDocuments']): TrustedDocuments {
  const registry: Registry = new Map();
  // The pages send nothing but hashes: without their documents they would not work at all.
  if (!existsSync(PAGE_DOCUMENTS)) throw new Error(`The pages' documents are missing: ${PAGE_DOCUMENTS} (npm run build:web writes it).`);
  for (const [hash, document] of readRegistry(PAGE_DOCUMENTS)) registry.set(hash, document);
  if (settings.file) for (const [hash, document] of readRegistry(settings.file)) registry.set(hash, document);

  return {
    plugin: usePersistedOperations({
      getPersistedOperation: (hash) => registry.get(hash) ?? null,
      allowArbitraryOperations: !settings.only,
      customErrors: { notFound: notRegistered, persistedQueryOnly: onlyRegistered, keyNotFound: noDocument },
    }),
    documentOf: ({ query, extensions }) => {
      if (query) {
        if (settings.only) throw onlyRegistered();
        return query;
      }
      const hash = hashOf(extensions);
      if (!hash) throw noDocument();
      const document = registry.get(hash);
      if (!document) throw notRegistered();
      return document;
    },
  };
}
