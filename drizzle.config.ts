import { defineConfig } from 'drizzle-kit';

/** drizzle-kit reads the schema files and writes SQL migrations into db/migrations. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/*.ts',
  out: './db/migrations',
});
