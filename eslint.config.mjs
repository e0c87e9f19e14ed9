// Schema lint (`npm run lint:schema`, part of `npm test`): third-party frontends read the schema in
// GraphiQL, so every type, field, argument, enum value and input field says what it is, no type
// is left unused, and ID arguments follow the naming convention. It lints the committed schema/schema.graphql, which a test keeps equal to the code.
import graphql from '@graphql-eslint/eslint-plugin';

export default [
  {
    files: ['schema/schema.graphql'],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig: { schema: 'schema/schema.graphql' } } },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      '@graphql-eslint/require-description': [
        'error',
        { types: true, rootField: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true, DirectiveDefinition: true },
      ],
      '@graphql-eslint/no-unreachable-types': 'error',
      '@graphql-eslint/no-hashtag-description': 'error',
      // README "Naming": an ID argument is named after what it points to, <name>Id or <name>Ids;
      // only node(id:) and nodes(ids:) keep Relay's names.
      '@graphql-eslint/naming-convention': [
        'error',
        {
          'InputValueDefinition:not(:has(ListType)):has(NamedType[name.value=ID])': { requiredSuffixes: ['Id'], ignorePattern: '^id$' },
          'InputValueDefinition:has(ListType NamedType[name.value=ID])': { requiredSuffixes: ['Ids'], ignorePattern: '^ids$' },
        },
      ],
    },
  },
];
