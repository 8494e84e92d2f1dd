/**
 * The right to be heard (design §3): a proposed prohibition or conditions are disclosed to every
 * party — the notice text only, never the internal reasons — and each may answer in the window.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { decisions } from '../../../db/schema/decisions.ts';
import { representationRequests } from '../../../db/schema/work-items.ts';
import { addressedOnlyTo } from '../../../policies/addressed-to.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Queryable, Tx } from '../../database/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import { applyWorkItemEvent, startWorkItem } from '../engine/work-items.ts';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { partyOrganizationIds, requirePerson } from './shared.ts';

export type RepresentationRequestRow = typeof representationRequests.$inferSelect;

export const ZRequestRepresentations = z.object({ decisionId: z.uuid() });

/** @throws NotFound, Forbidden, InvalidTransition, Conflict, Validation */
export async function requestRepresentations(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZRequestRepresentations>,
  now: Date,
): Promise<RepresentationRequestRow[]> {
  const data = parseInput(ZRequestRepresentations, input);
  const person = requirePerson(actor);
  const [decision] = await tx.select().from(decisions).where(eq(decisions.id, data.decisionId));
  if (!decision) throw new NotFoundError('Decision');
  // The case decides: a decision of a case the caller may not act on is not theirs to disclose.
  const caseRow = await loadCaseFor(tx, actor, 'transition', decision.caseId, { lock: true });
  if (!person.roles.some((r) => r === 'CASE_OFFICER' || r === 'LEAD_REVIEWER')) {
    throw new ForbiddenError('only the office asks the parties for representations');
  }
  if (caseRow.state !== 'DECISION_PROPOSED' || decision.state !== 'PROPOSED') {
    throw new InvalidTransitionError(
      caseRow.state,
      'REQUEST_REPRESENTATIONS',
      [],
      'the decision is not a pending proposal',
    );
  }
  const existing = await tx
    .select({ id: representationRequests.id })
    .from(representationRequests)
    .where(eq(representationRequests.decisionId, decision.id));
  if (existing.length > 0)
    throw new ConflictError('the parties were already asked for representations on this proposal');
  const parties = await partyOrganizationIds(tx, caseRow.id);
  const created = await tx
    .insert(representationRequests)
    .values(
      parties.map((organizationId) => ({
        caseId: caseRow.id,
        decisionId: decision.id,
        addressedToOrganizationId: organizationId,
        disclosedText: decision.noticeText,
        requestedById: person.personId,
        requestedAt: now,
        updatedAt: now,
      })),
    )
    .returning();
  for (const request of created) {
    await startWorkItem(tx, actor, 'representationRequest', request, now, {
      decisionId: decision.id,
      addressedToOrganizationId: request.addressedToOrganizationId,
    });
  }
  return created;
}

export const ZSubmitRepresentation = z.object({
  representationRequestId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  representation: z.string().trim().min(1).max(50_000),
});

/** The addressed party answers. @throws NotFound, Forbidden, InvalidTransition, StaleVersion, Validation */
export async function submitRepresentation(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZSubmitRepresentation>,
  now: Date,
): Promise<RepresentationRequestRow> {
  const data = parseInput(ZSubmitRepresentation, input);
  const person = requirePerson(actor);
  // The answer is written first: the table only accepts a SUBMITTED request that carries one. Only an
  // open request addressed to the caller's organisation is touched; for any other the engine's
  // event below refuses (not found, forbidden, invalid) and the transaction rolls back.
  await tx
    .update(representationRequests)
    .set({ representation: data.representation, submittedById: person.personId, submittedAt: now })
    .where(
      and(
        eq(representationRequests.id, data.representationRequestId),
        eq(representationRequests.addressedToOrganizationId, person.organizationId),
        eq(representationRequests.state, 'OPEN'),
      ),
    );
  await applyWorkItemEvent(
    tx,
    actor,
    {
      kind: 'representationRequest',
      itemId: data.representationRequestId,
      event: 'SUBMIT',
      expectedVersion: data.expectedVersion,
    },
    now,
  );
  const [updated] = await tx
    .select()
    .from(representationRequests)
    .where(eq(representationRequests.id, data.representationRequestId));
  return updated!;
}

/**
 * The requests for representations on a decision or a case that the actor may read, oldest first:
 * all of them in the office, only those addressed to one's own organisation outside it. The caller
 * has already shown the decision or case itself (its own access rule).
 */
export function listRepresentationRequests(
  q: Queryable,
  actor: Actor | null,
  of: { readonly decisionId: string } | { readonly caseId: string },
): Promise<RepresentationRequestRow[]> {
  const ownOrganization = addressedOnlyTo(actor);
  return q
    .select()
    .from(representationRequests)
    .where(
      and(
        'decisionId' in of
          ? eq(representationRequests.decisionId, of.decisionId)
          : eq(representationRequests.caseId, of.caseId),
        ownOrganization ? eq(representationRequests.addressedToOrganizationId, ownOrganization) : undefined,
      ),
    )
    .orderBy(asc(representationRequests.requestedAt), asc(representationRequests.id));
}
