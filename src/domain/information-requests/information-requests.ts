/**
 * Requests for information to a party of the case (design §4): whether an open request pauses the
 * phase clock is the case's regime setting, recorded on the request when it is opened; the engine
 * pauses the clock on opening and resumes it when the last pausing request closes.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { caseParties, cases } from '../../../db/schema/cases.ts';
import { regimes } from '../../../db/schema/clocks.ts';
import { informationRequests } from '../../../db/schema/work-items.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { CaseState } from '../../../vocabulary/terms.ts';
import type { RegimeDefinition } from '../../../workflows/regimes/regime-definition.ts';
import type { Tx } from '../../database/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import { requestingPerson } from '../consultations/consultations.ts';
import { applyWorkItemEvent, startWorkItem } from '../engine/work-items.ts';
import { InvalidTransitionError, NotFoundError, StaleVersionError, ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';

export const ZRequestInformation = z.object({
  caseId: z.uuid(),
  /** When given, a change of the case since it was read answers StaleVersion; the request itself does not bump it. */
  expectedVersion: z.number().int().positive().optional(),
  addressedToOrganizationId: z.uuid(),
  questions: z.string().trim().min(1).max(20_000),
});
export type TRequestInformation = z.input<typeof ZRequestInformation>;

/** The office asks while it screens and reviews. */
const requestingStates: readonly CaseState[] = ['SCREENING', 'REVIEW', 'IN_DEPTH'];

/** @throws NotFound, Forbidden, InvalidTransition (wrong state), StaleVersion, Validation */
export async function requestInformation(tx: Tx, actor: Actor, input: TRequestInformation, now: Date) {
  const data = parseInput(ZRequestInformation, input);
  const current = await loadCaseFor(tx, actor, 'transition', data.caseId, { lock: true });
  const requestedById = requestingPerson(actor);
  if (data.expectedVersion !== undefined && current.version !== data.expectedVersion) {
    throw new StaleVersionError(current.version);
  }
  const [party] = await tx
    .select()
    .from(caseParties)
    .where(and(eq(caseParties.caseId, current.id), eq(caseParties.organizationId, data.addressedToOrganizationId)));
  if (!party) throw ValidationError.single('addressedToOrganizationId', 'is not a party of the case');
  if (!requestingStates.includes(current.state)) {
    throw new InvalidTransitionError(current.state, 'REQUEST_INFORMATION', [], 'information is requested in review');
  }
  const [regime] = await tx.select().from(regimes).where(eq(regimes.id, current.regimeId));
  const pausesPhaseClock = (regime!.definition as RegimeDefinition).informationRequestPausesPhaseClock;
  const [item] = await tx
    .insert(informationRequests)
    .values({
      caseId: current.id,
      addressedToOrganizationId: data.addressedToOrganizationId,
      questions: data.questions,
      pausesPhaseClock,
      requestedById,
      requestedAt: now,
      updatedAt: now,
    })
    .returning();
  await startWorkItem(tx, actor, 'informationRequest', { id: item!.id, caseId: current.id }, now, {
    addressedToOrganizationId: item!.addressedToOrganizationId,
    pausesPhaseClock,
  });
  await tx.update(cases).set({ lastActivityAt: now }).where(eq(cases.id, current.id));
  return item!;
}

export const ZAnswerInformationRequest = z.object({
  informationRequestId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  answer: z.string().trim().min(1).max(50_000),
});
export type TAnswerInformationRequest = z.input<typeof ZAnswerInformationRequest>;

/**
 * The addressed firm answers (the engine refuses anyone outside the office whose organisation it
 * is not addressed to, as not found). @throws NotFound, Forbidden, InvalidTransition, StaleVersion, Validation
 */
export async function answerInformationRequest(tx: Tx, actor: Actor, input: TAnswerInformationRequest, now: Date) {
  const data = parseInput(ZAnswerInformationRequest, input);
  // An answered request must carry its answer (a CHECK, not deferrable), so the answer is written first,
  // the version untouched; the engine then checks who may answer and rolls everything back if not.
  const [updated] = await tx
    .update(informationRequests)
    .set({
      answer: data.answer,
      answeredById: actor.kind === 'PERSON' ? actor.personId : null,
      answeredAt: now,
    })
    .where(eq(informationRequests.id, data.informationRequestId))
    .returning();
  if (!updated) throw new NotFoundError('InformationRequest');
  await applyWorkItemEvent(
    tx,
    actor,
    {
      kind: 'informationRequest',
      itemId: data.informationRequestId,
      event: 'ANSWER',
      expectedVersion: data.expectedVersion,
    },
    now,
  );
  await tx.update(cases).set({ lastActivityAt: now }).where(eq(cases.id, updated!.caseId));
  return (await tx.select().from(informationRequests).where(eq(informationRequests.id, data.informationRequestId)))[0]!;
}
