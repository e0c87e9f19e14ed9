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
    'web/src/generated/': {
      documents: ['web/src/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { ...typesConfig, documentMode: 'string' },
    },
  },
};

export default config;
