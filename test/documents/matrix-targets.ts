/**
 * The assessments and documents the authorisation matrix reads, by the names its rows use. The
 * assessments come from the authorisation fixture; the documents are TEST DATA written straight
 * into the test database (the upload route has its own tests).
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { documentShares, documents } from '../../db/schema/documents.ts';
import { assessments } from '../../db/schema/work-items.ts';
import type { AuthorizationFixture } from '../authorization/fixtures.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import type { TestDatabase } from '../support/test-database.ts';

/**
 * - `CIIE@ACQUISITION`, `ICRS@ACQUISITION`: the institutes' assessments (the ICRS assessor declared a conflict);
 * - `ACQUISITION/INTERNAL`: an INTERNAL document shared with Meridian, CIIE and ICRS;
 * - `CUTOFF/SECRET`: a SECRET document on the SECRET case, shared with Huaxin (whose clearance is INTERNAL).
 */
export async function prepareWorkItemTargets(
  database: TestDatabase,
  fixture: AuthorizationFixture,
): Promise<Record<string, string>> {
  const db = database.db;
  const targets: Record<string, string> = {};
  for (const code of ['CIIE', 'ICRS']) {
    const [row] = await db
      .select({ id: assessments.id })
      .from(assessments)
      .where(
        and(
          eq(assessments.caseId, fixture.caseIds.ACQUISITION),
          eq(assessments.instituteId, fixture.organizationIds[code]!),
        ),
      );
    targets[`${code}@ACQUISITION`] = row!.id;
  }
  const officer = fixture.personIds['officer@icsr.example']!;
  const add = async (
    name: string,
    caseId: string,
    classification: 'INTERNAL' | 'SECRET',
    shareWith: readonly string[],
  ) => {
    const content = Buffer.from(`TEST DATA: ${name}`);
    const [row] = await db
      .insert(documents)
      .values({
        caseId,
        title: name,
        fileName: `${name.replace('/', '-')}.txt`,
        mediaType: 'text/plain',
        sizeBytes: content.byteLength,
        sha256: createHash('sha256').update(content).digest('hex'),
        classification,
        uploadedById: officer,
        uploadedAt: SEED_INSTANT,
        content,
      })
      .returning({ id: documents.id });
    await db.insert(documentShares).values(
      shareWith.map((code) => ({
        documentId: row!.id,
        organizationId: fixture.organizationIds[code]!,
        sharedById: officer,
        sharedAt: SEED_INSTANT,
      })),
    );
    targets[name] = row!.id;
  };
  await add('ACQUISITION/INTERNAL', fixture.caseIds.ACQUISITION, 'INTERNAL', ['MERIDIAN-CAP', 'CIIE', 'ICRS']);
  await add('CUTOFF/SECRET', fixture.caseIds.CUTOFF, 'SECRET', ['HUAXIN-IC']);
  return targets;
}
