/** `npm run db:seed`: applies the demo-data steps that have not run yet (idempotent). */
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/database/database.ts';
import { demoSeedSteps } from '../src/seed/demo-data.ts';
import { runSeedSteps } from '../src/seed/seed-runner.ts';

const config = loadConfig(process.env);
const database = await openDatabase(config.database);
try {
  await database.migrate();
  const applied = await runSeedSteps(database.db, demoSeedSteps, new Date());
  process.stdout.write(applied.length > 0 ? `seeded: ${applied.join(', ')}\n` : 'demo data already present\n');
} finally {
  await database.close();
}
