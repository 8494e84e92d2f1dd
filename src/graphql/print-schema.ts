import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './schema.ts';

export const schemaFilePath = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

/** The committed SDL, in definition order (so enum values keep their lifecycle order). */
export function printSchemaFile(): string {
  return `${printSchema(schema)}\n`;
}
