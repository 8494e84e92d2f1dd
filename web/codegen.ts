/**
 * Types for every operation of the console, from the committed schema.graphql (GraphQL Code
 * Generator's client preset). `npm run codegen` writes web/src/gql; `npm run codegen:check` fails
 * when it is stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      // Fragments are composed into one query per page; without masking a child reads its props plainly.
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: false,
        scalars: { DateTime: 'string', ID: 'string', Date: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
