/**
 * TEST DATA for the authorisation matrix: decisions and an appeal on the seeded ACQUISITION case,
 * written straight to the tables (the workflow that would produce them has its own tests in
 * decisions.test.ts). Only visibility is asserted with them, so the case's own state is left alone.
 */
import { appeals, decisions } from '../../db/schema/decisions.ts';
import type { AuthorizationFixture } from '../authorization/fixtures.ts';
import type { TestDatabase } from '../support/test-database.ts';

/** Matrix targets by name: `APPROVED@ACQUISITION`, `PROPOSED@ACQUISITION` (decisions), `FILED@ACQUISITION` (appeal). */
export async function prepareDecisionTargets(
  database: TestDatabase,
  fixture: AuthorizationFixture,
): Promise<Record<string, string>> {
  const caseId = fixture.caseIds.ACQUISITION;
  const proposer = fixture.personIds['officer2@icsr.example']!;
  const approver = fixture.personIds['lead@icsr.example']!;
  const shared = { caseId, reasons: 'INTERNAL reasons', proposedById: proposer };
  const [approved] = await database.db
    .insert(decisions)
    .values({
      ...shared,
      outcome: 'PROHIBITED',
      noticeText: 'The acquisition is prohibited.',
      state: 'APPROVED',
      approvedById: approver,
      approvedAt: new Date(),
    })
    .returning();
  const [proposed] = await database.db
    .insert(decisions)
    .values({ ...shared, outcome: 'CLEARED', noticeText: 'The acquisition is cleared.' })
    .returning();
  const [appeal] = await database.db
    .insert(appeals)
    .values({
      caseId,
      decisionId: approved!.id,
      appellantOrganizationId: fixture.organizationIds['MERIDIAN-CAP']!,
      filedById: fixture.personIds['rep@meridian.example']!,
      grounds: 'The office overstated the strategic value of the EDA toolchain.',
    })
    .returning();
  return {
    'APPROVED@ACQUISITION': approved!.id,
    'PROPOSED@ACQUISITION': proposed!.id,
    'FILED@ACQUISITION': appeal!.id,
  };
}
