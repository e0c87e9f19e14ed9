import { fileURLToPath } from 'node:url';

export const schemaFile = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
