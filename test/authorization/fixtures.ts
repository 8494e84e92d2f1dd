/**
 * The facts the authorisation tests need beyond the seed, written straight into a fresh test
 * database: consultations, assessments (one with a declared conflict), risk grades and a service
 * account. The workflow that creates these through the API comes with the workflow issue.
 */
import { eq, sql } from 'drizzle-orm';
import { cases } from '../../db/schema/cases.ts';
import { organizations, people } from '../../db/schema/organizations.ts';
import { assessments, conflictDeclarations, consultations } from '../../db/schema/work-items.ts';
import { createServiceAccount } from '../../src/domain/auth/service-accounts.ts';
import { systemActor } from '../../vocabulary/actor.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import type { TestDatabase } from '../support/test-database.ts';

/** The seeded cases by the name the matrix uses. */
export const caseTitles = {
  RELOCATION: 'Relocation of the advanced packaging line to Bac Ninh, Vietnam',
  CUTOFF: 'Announced cut-off of ArF photoresist exports by two Japanese suppliers',
  ACQUISITION: 'Proposed acquisition of Dongfang EDA Software by Meridian Capital Partners',
  DRAFT: 'Licence of KrF photoresist formulation to an overseas joint venture',
  /** Seeded under review with MIIT consulted (issue 11); the fixture adds nothing to it. */
  CAPABILITY_GAP: 'Long-standing capability gap in lithography systems',
} as const;
export type CaseKey = keyof typeof caseTitles;

export interface AuthorizationFixture {
  caseIds: Record<CaseKey, string>;
  organizationIds: Record<string, string>;
  personIds: Record<string, string>;
  serviceAccountId: string;
}

export async function prepareAuthorizationFixture(database: TestDatabase): Promise<AuthorizationFixture> {
  const db = database.db;
  const orgs = Object.fromEntries(
    (await db.select({ id: organizations.id, code: organizations.code }).from(organizations)).map((o) => [
      o.code,
      o.id,
    ]),
  );
  const persons = Object.fromEntries(
    (await db.select({ id: people.id, email: people.email }).from(people)).map((p) => [p.email, p.id]),
  );
  const caseIds = {} as Record<CaseKey, string>;
  for (const [key, title] of Object.entries(caseTitles) as [CaseKey, string][]) {
    const [row] = await db.select({ id: cases.id }).from(cases).where(eq(cases.title, title));
    caseIds[key] = row!.id;
  }
  const officer = persons['officer@icsr.example']!;
  await db.transaction(async (tx) => {
    // MIIT is consulted on the SECRET cut-off case (above its liaison's clearance) and on the acquisition.
    await tx.insert(consultations).values([
      { caseId: caseIds.CUTOFF, departmentId: orgs.MIIT!, question: 'Supply alternatives?', requestedById: officer },
      { caseId: caseIds.ACQUISITION, departmentId: orgs.MIIT!, question: 'Strategic value?', requestedById: officer },
    ]);
    // Both institutes are invited on the acquisition; the ICRS assessor declares a conflict.
    const [, icrs] = await tx
      .insert(assessments)
      .values([
        {
          caseId: caseIds.ACQUISITION,
          instituteId: orgs.CIIE!,
          termsOfReference: 'Assess EDA capability',
          invitedById: officer,
        },
        {
          caseId: caseIds.ACQUISITION,
          instituteId: orgs.ICRS!,
          termsOfReference: 'Assess EDA capability',
          invitedById: officer,
        },
      ])
      .returning();
    await tx.insert(conflictDeclarations).values({
      assessmentId: icrs!.id,
      personId: persons['assessor@icrs.example']!,
      hasConflict: true,
      statement: 'Advised Meridian Capital in 2025.',
    });
    await tx
      .update(cases)
      .set({ riskScore: 72, riskGrade: 'HIGH', riskExplanation: sql`'{"factors":[]}'::jsonb` })
      .where(sql`${cases.id} in (${caseIds.CUTOFF}, ${caseIds.ACQUISITION})`);
  });
  const { serviceAccount } = await db.transaction((tx) =>
    createServiceAccount(
      tx,
      systemActor('test'),
      { organizationId: orgs.MIIT!, name: 'MIIT case system', roles: ['LIAISON'], clearance: 'CONFIDENTIAL' },
      SEED_INSTANT,
    ),
  );
  return { caseIds, organizationIds: orgs, personIds: persons, serviceAccountId: serviceAccount.id };
}
