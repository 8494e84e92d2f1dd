/**
 * Department consultations (design §3–4): the office asks several departments at once, one
 * consultation per department and round, each with its own clock (the regime's CONSULTATION
 * length); the consulted department's liaison answers with an opinion and a rationale.
 */
import { and, eq, inArray, max } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../../db/schema/cases.ts';
import { decisions } from '../../../db/schema/decisions.ts';
import { organizations } from '../../../db/schema/organizations.ts';
import { consultations } from '../../../db/schema/work-items.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { type CaseState, consultationOpinions } from '../../../vocabulary/terms.ts';
import type { Tx } from '../../database/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import { applyWorkItemEvent, startWorkItem } from '../engine/work-items.ts';
import {
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  StaleVersionError,
  ValidationError,
} from '../errors.ts';
import { parseInput } from '../validation.ts';

export const ZRequestConsultations = z.object({
  caseId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  departmentIds: z.array(z.uuid()).min(1).max(20),
  question: z.string().trim().min(1).max(10_000),
});
export type TRequestConsultations = z.input<typeof ZRequestConsultations>;

/** Departments are consulted while the case is under review (design §4). */
const consultingStates: readonly CaseState[] = ['REVIEW', 'IN_DEPTH'];
const officeRoles = ['CASE_OFFICER', 'LEAD_REVIEWER'];

/** The person acting for the office; work items record who asked, and only people ask. */
export function requestingPerson(actor: Actor): string {
  if (actor.kind !== 'PERSON' || !actor.roles.some((r) => officeRoles.includes(r))) {
    throw new ForbiddenError('only a case officer or lead reviewer requests this');
  }
  return actor.personId;
}

/**
 * Requests consultations from several departments in one round. Bumps the case's version, so two
 * officers asking at once cannot both open the same round.
 * @throws NotFound, Forbidden, InvalidTransition (wrong state), StaleVersion, Validation
 */
export async function requestConsultations(tx: Tx, actor: Actor, input: TRequestConsultations, now: Date) {
  const data = parseInput(ZRequestConsultations, input);
  const current = await loadCaseFor(tx, actor, 'transition', data.caseId, { lock: true });
  const requestedById = requestingPerson(actor);
  if (current.version !== data.expectedVersion) throw new StaleVersionError(current.version);
  const departmentIds = [...new Set(data.departmentIds)];
  const departments = await tx
    .select({ id: organizations.id, kind: organizations.kind })
    .from(organizations)
    .where(inArray(organizations.id, departmentIds));
  const notDepartments = departmentIds.filter((id) => !departments.some((d) => d.id === id && d.kind === 'DEPARTMENT'));
  if (notDepartments.length > 0) {
    throw new ValidationError(
      notDepartments.map((id) => ({
        field: `departmentIds.${departmentIds.indexOf(id)}`,
        message: 'is not a department',
      })),
    );
  }
  if (!consultingStates.includes(current.state)) {
    throw new InvalidTransitionError(current.state, 'REQUEST_CONSULTATIONS', [], 'departments are consulted in review');
  }

  // One request per department per round. A round ends with the decision it informed: once a decision
  // was approved after the round's requests (the case came back on a remittal or a breach), the next
  // request opens a new round, so departments are asked again about the case as it now stands.
  const [latest] = await tx
    .select({ round: max(consultations.round), askedAt: max(consultations.requestedAt) })
    .from(consultations)
    .where(eq(consultations.caseId, current.id));
  const [lastDecision] = await tx
    .select({ approvedAt: max(decisions.approvedAt) })
    .from(decisions)
    .where(eq(decisions.caseId, current.id));
  const previous = await tx
    .select({ departmentId: consultations.departmentId, round: consultations.round })
    .from(consultations)
    .where(and(eq(consultations.caseId, current.id), inArray(consultations.departmentId, departmentIds)));
  const roundClosed =
    latest?.askedAt != null && lastDecision?.approvedAt != null && lastDecision.approvedAt > latest.askedAt;
  const round = (latest?.round ?? 1) + (roundClosed ? 1 : 0);
  const asked = previous.filter((p) => p.round === round).map((p) => p.departmentId);
  if (asked.length > 0) {
    throw new ValidationError(
      asked.map((id) => ({
        field: `departmentIds.${departmentIds.indexOf(id)}`,
        message: `was already consulted in round ${round}`,
      })),
    );
  }
  const inserted = await tx
    .insert(consultations)
    .values(
      departmentIds.map((departmentId) => ({
        caseId: current.id,
        departmentId,
        round,
        question: data.question,
        requestedById,
        requestedAt: now,
        updatedAt: now,
      })),
    )
    .returning();
  for (const item of inserted) {
    await startWorkItem(tx, actor, 'consultation', { id: item.id, caseId: current.id }, now, {
      departmentId: item.departmentId,
      round,
    });
  }
  const [updated] = await tx
    .update(cases)
    .set({ version: current.version + 1, lastActivityAt: now, updatedAt: now })
    .where(and(eq(cases.id, current.id), eq(cases.version, current.version)))
    .returning();
  if (!updated) throw new StaleVersionError(current.version);
  return { caseRow: updated, consultations: inserted };
}

export const ZRespondToConsultation = z.object({
  consultationId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  opinion: z.enum(consultationOpinions),
  rationale: z.string().trim().min(1).max(20_000),
});
export type TRespondToConsultation = z.input<typeof ZRespondToConsultation>;

/**
 * The consulted department's liaison gives its opinion. The engine checks that the liaison's
 * department is the one consulted (another department's consultation reads as not found).
 * @throws NotFound, Forbidden, InvalidTransition, StaleVersion, Validation
 */
export async function respondToConsultation(tx: Tx, actor: Actor, input: TRespondToConsultation, now: Date) {
  const data = parseInput(ZRespondToConsultation, input);
  // A responded consultation must carry its opinion (a CHECK, not deferrable), so the opinion is written
  // first, the version untouched; the engine then checks who may respond and rolls everything back if not.
  const [updated] = await tx
    .update(consultations)
    .set({
      opinion: data.opinion,
      rationale: data.rationale,
      respondedById: actor.kind === 'PERSON' ? actor.personId : null,
      respondedAt: now,
    })
    .where(eq(consultations.id, data.consultationId))
    .returning();
  if (!updated) throw new NotFoundError('Consultation');
  await applyWorkItemEvent(
    tx,
    actor,
    { kind: 'consultation', itemId: data.consultationId, event: 'RESPOND', expectedVersion: data.expectedVersion },
    now,
  );
  await tx.update(cases).set({ lastActivityAt: now }).where(eq(cases.id, updated!.caseId));
  return (await tx.select().from(consultations).where(eq(consultations.id, data.consultationId)))[0]!;
}
