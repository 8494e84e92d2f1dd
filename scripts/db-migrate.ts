/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL (or the embedded database). */
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/database/database.ts';

const config = loadConfig(process.env);
const database = await openDatabase(config.database);
try {
  await database.migrate();
  process.stdout.write(`migrations applied (${database.kind})\n`);
} finally {
  await database.close();
}
