import type { CodegenConfig } from '@graphql-codegen/cli';

const typesConfig = {
  scalars: { DateTime: 'string', Date: 'string' },
  useTypeImports: true,
  enumsAsTypes: true,
  emitLegacyCommonJSImports: false,
};

// Typed documents for the operations the tests (and clients) use, from the committed schema.
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: true,
  generates: {
    'test/generated/': {
      documents: ['test/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: typesConfig,
    },
    // The pages in web/: documents as strings (TypedDocumentString), so the bundle needs no graphql-js.
    // persisted-documents.json registers them as trusted documents (src/server/trusted-documents.ts);
    // the pages send their SHA-256 hash instead of the text.
    'web/src/generated/': {
      documents: ['web/src/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: { ...typesConfig, documentMode: 'string' },
    },
  },
};

export default config;
