// Prints schema/schema.graphql from the code; `--check` fails when the committed file is stale.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';
import { schemaFile } from '../src/schema/schema-file.js';

const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
if (process.argv.includes('--check')) {
  const committed = await readFile(schemaFile, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema/schema.graphql is stale: run npm run schema:print');
    process.exit(1);
  }
} else {
  await mkdir(new URL('.', `file://${schemaFile}`), { recursive: true });
  await writeFile(schemaFile, printed);
  console.log('Wrote schema/schema.graphql');
}
