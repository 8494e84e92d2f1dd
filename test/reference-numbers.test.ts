import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../db/schema/cases.ts';
import { organizations } from '../db/schema/organizations.ts';
import { assignReference, formatReference } from '../src/domain/cases/assign-reference.ts';
import { createFiling } from '../src/domain/cases/case-filing.ts';
import { applyCaseEvent } from '../src/domain/engine/apply-case-event.ts';
import { personActor } from '../src/domain/people/person-actor.ts';
import type { PersonActor } from '../vocabulary/actor.ts';
import { SEED_INSTANT } from './support/fixed-time.ts';
import { seededCases } from './support/seeded-cases.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

class Rollback extends Error {}

describe('case reference numbers', () => {
  let database: TestDatabase;
  let firmId: string;
  let actor: PersonActor;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    // The Huaxin representative files and submits for Huaxin.
    actor = await personActor(database.db, 'rep@huaxin.example');
    const [firm] = await database.db.select().from(organizations).where(eq(organizations.code, 'HUAXIN-IC'));
    firmId = firm!.id;
  });
  afterAll(() => database.destroy());

  const fileAndSubmit = () =>
    database.db.transaction(async (tx) => {
      const draft = await createFiling(
        tx,
        actor,
        { filerOrganizationId: firmId, title: 'A test filing', subject: 'ACQUISITION' },
        SEED_INSTANT,
      );
      return applyCaseEvent(
        tx,
        actor,
        { caseId: draft.id, event: 'SUBMIT', expectedVersion: draft.version },
        SEED_INSTANT,
      ).then((r) => r.case);
    });

  it('are formatted ICSR-YYYY-NNNNNN', () => {
    expect(formatReference(2026, 123)).toBe('ICSR-2026-000123');
  });

  it('are not consumed by a submission that rolls back', async () => {
    // The seed assigned one 2026 number per numbered case, gap-free from 1; the next follow on.
    const seeded = await database.db.select({ reference: cases.reference }).from(cases);
    expect(
      seeded
        .map((c) => c.reference)
        .filter((r) => r !== null)
        .sort(),
    ).toEqual(seededCases.map((c) => c.reference));
    const nextNumber = formatReference(2026, seededCases.length + 1);
    const afterThat = formatReference(2026, seededCases.length + 2);
    await expect(
      database.db.transaction(async (tx) => {
        const draft = await createFiling(
          tx,
          actor,
          { filerOrganizationId: firmId, title: 'Rolled back', subject: 'RELOCATION' },
          SEED_INSTANT,
        );
        const submitted = await applyCaseEvent(
          tx,
          actor,
          { caseId: draft.id, event: 'SUBMIT', expectedVersion: draft.version },
          SEED_INSTANT,
        ).then((r) => r.case);
        expect(submitted.reference).toBe(nextNumber);
        throw new Rollback();
      }),
    ).rejects.toThrow(Rollback);
    const next = await fileAndSubmit();
    expect(next.reference).toBe(nextNumber);
    expect((await fileAndSubmit()).reference).toBe(afterThat);
  });

  it('count per year, from 1', async () => {
    const reference = await database.db.transaction((tx) => assignReference(tx, 2027));
    expect(reference).toBe('ICSR-2027-000001');
  });

  it('are never assigned to a draft', async () => {
    const draft = await database.db.transaction((tx) =>
      createFiling(
        tx,
        actor,
        { filerOrganizationId: firmId, title: 'Still a draft', subject: 'ACQUISITION' },
        SEED_INSTANT,
      ),
    );
    const [row] = await database.db.select().from(cases).where(eq(cases.id, draft.id));
    expect(row).toMatchObject({ state: 'DRAFT', reference: null });
  });
});
