/** Access tokens for seeded people, minted with the test servers' key (the login flow has its own tests). */
import { eq } from 'drizzle-orm';
import { people } from '../../db/schema/organizations.ts';
import { issueAccessToken } from '../../src/domain/auth/access-token.ts';
import type { TestDatabase } from './test-database.ts';
import { testSigningKey } from './test-server.ts';

export async function bearerFor(
  database: TestDatabase,
  email: string,
  now = new Date(),
): Promise<Record<string, string>> {
  const [person] = await database.db.select().from(people).where(eq(people.email, email));
  if (!person) throw new Error(`no seeded person ${email}`);
  const { token } = await issueAccessToken(
    testSigningKey,
    { personId: person.id, organizationId: person.organizationId, mfa: 'verified' },
    now,
    900,
  );
  return { authorization: `Bearer ${token}` };
}
