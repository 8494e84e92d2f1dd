/**
 * `npm run schema:print` writes schema.graphql from the code; `npm run schema:check` fails when the
 * committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { printSchemaFile, schemaFilePath } from '../src/graphql/print-schema.ts';

const printed = printSchemaFile();
if (process.argv.includes('--check')) {
  const committed = readFileSync(schemaFilePath, 'utf8');
  if (committed !== printed) {
    process.stderr.write('schema.graphql is stale: run `npm run schema:print` and commit the result\n');
    process.exit(1);
  }
  process.stdout.write('schema.graphql is current\n');
} else {
  writeFileSync(schemaFilePath, printed);
  process.stdout.write(`wrote ${schemaFilePath}\n`);
}
