import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the operations the tests (and clients) use, from the committed schema.
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/operations/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
        useTypeImports: true,
        enumsAsTypes: true,
        emitLegacyCommonJSImports: false,
      },
    },
  },
};

export default config;
