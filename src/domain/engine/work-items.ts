/**
 * The work-item engine: the small lifecycles that run inside a review (consultation, assessment,
 * information request, representation request, appeal, condition), applied like case events —
 * permission, transition plan, version check, state, clock effects, notices and the audit entry
 * on the case's chain, all in the caller's transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { cases } from '../../../db/schema/cases.ts';
import { appeals, conditions } from '../../../db/schema/decisions.ts';
import {
  assessments,
  conflictDeclarations,
  consultations,
  informationRequests,
  representationRequests,
} from '../../../db/schema/work-items.ts';
import { type Actor, actorId } from '../../../vocabulary/actor.ts';
import type { ClockOwnerKind, ClockPhase, Role } from '../../../vocabulary/terms.ts';
import type { WorkflowId } from '../../../workflows/definition.ts';
import type { FactContext } from '../../../workflows/guards.ts';
import { currentWorkflows } from '../../../workflows/registry.ts';
import { type ActionVerdict, actionsFrom, planTransition } from '../../../workflows/transition.ts';
import type { Queryable, Tx } from '../../database/database.ts';
import { loadCaseFor } from '../access/authorize.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { ForbiddenError, InvalidTransitionError, NotFoundError, StaleVersionError } from '../errors.ts';
import { type LoadedCaseFacts, loadCaseFacts } from './case-facts.ts';
import { applyClockEffects, recordNotices } from './effects.ts';

export type WorkItemKind = Exclude<WorkflowId, 'case'>;

interface WorkItemTable extends PgTable {
  id: PgColumn;
  caseId: PgColumn;
  state: PgColumn;
  version: PgColumn;
  updatedAt: PgColumn;
}

interface WorkItemSpec {
  readonly table: WorkItemTable;
  readonly ownerKind: Exclude<ClockOwnerKind, 'CASE'>;
  readonly phase: ClockPhase;
  /** The organisation the item is addressed to: its people act on it, nobody else outside the office. */
  readonly addressee: (row: Record<string, unknown>) => string;
  readonly entity: string;
}

export const workItemSpecs: Record<WorkItemKind, WorkItemSpec> = {
  consultation: {
    table: consultations as unknown as WorkItemTable,
    ownerKind: 'CONSULTATION',
    phase: 'CONSULTATION',
    addressee: (row) => row.departmentId as string,
    entity: 'Consultation',
  },
  assessment: {
    table: assessments as unknown as WorkItemTable,
    ownerKind: 'ASSESSMENT',
    phase: 'ASSESSMENT',
    addressee: (row) => row.instituteId as string,
    entity: 'Assessment',
  },
  informationRequest: {
    table: informationRequests as unknown as WorkItemTable,
    ownerKind: 'INFORMATION_REQUEST',
    phase: 'INFORMATION_REQUEST',
    addressee: (row) => row.addressedToOrganizationId as string,
    entity: 'InformationRequest',
  },
  representationRequest: {
    table: representationRequests as unknown as WorkItemTable,
    ownerKind: 'REPRESENTATION_REQUEST',
    phase: 'REPRESENTATIONS',
    addressee: (row) => row.addressedToOrganizationId as string,
    entity: 'RepresentationRequest',
  },
  appeal: {
    table: appeals as unknown as WorkItemTable,
    ownerKind: 'APPEAL',
    phase: 'APPEAL_DECISION',
    addressee: (row) => row.appellantOrganizationId as string,
    entity: 'Appeal',
  },
  condition: {
    table: conditions as unknown as WorkItemTable,
    ownerKind: 'CONDITION',
    phase: 'CONDITION',
    addressee: (row) => row.ownerOrganizationId as string,
    entity: 'Condition',
  },
};

/** Roles outside the office act only on items addressed to their own organisation. */
const outsideRoles: readonly Role[] = ['LIAISON', 'FIRM_REPRESENTATIVE', 'ASSESSOR'];

/**
 * Starts a work item just inserted in `initial` state: its `onCreate` effects (its own clock,
 * the notices) and the audit entry. The caller has checked the case-level permission.
 */
export async function startWorkItem(
  tx: Tx,
  actor: Actor,
  kind: WorkItemKind,
  item: { id: string; caseId: string },
  now: Date,
  after: Record<string, unknown> = {},
): Promise<void> {
  const spec = workItemSpecs[kind];
  const definition = currentWorkflows[kind];
  const caseRow = await loadCaseFor(tx, actor, 'read', item.caseId);
  const loaded = await loadCaseFacts(tx, caseRow);
  const scope = { caseRow, loaded, item: { ownerKind: spec.ownerKind, ownerId: item.id, phase: spec.phase } };
  await applyClockEffects(tx, scope, definition.onCreate, now, undefined);
  await recordNotices(
    tx,
    caseRow.id,
    definition.onCreate,
    { event: 'CREATE', from: '', to: definition.initial, itemKind: kind, itemId: item.id },
    now,
  );
  await appendAuditEntry(tx, actor, {
    chain: caseChain(caseRow.id),
    caseId: caseRow.id,
    action: `${kind}.created`,
    entityKind: spec.entity,
    entityId: item.id,
    after: { state: definition.initial, ...after },
    occurredAt: now,
  });
}

export interface WorkItemEventRequest {
  readonly kind: WorkItemKind;
  readonly itemId: string;
  readonly event: string;
  /** The item's version the caller read; omitted only by the system's clock events. */
  readonly expectedVersion?: number;
  readonly reason?: string;
}

/**
 * Applies an event to a work item. @returns the item row before the change, and the new state.
 * `withoutCaseAccess`: the addressee acts on the item without seeing the case (an institute whose
 * assessors are all conflicted declines); the item must still be addressed to their organisation.
 */
export async function applyWorkItemEvent(
  tx: Tx,
  actor: Actor,
  request: WorkItemEventRequest,
  now: Date,
  options: { withoutCaseAccess?: boolean } = {},
) {
  const spec = workItemSpecs[request.kind];
  const definition = currentWorkflows[request.kind];
  const [item] = (await tx.select().from(spec.table).where(eq(spec.table.id, request.itemId)).for('update')) as Record<
    string,
    unknown
  >[];
  if (!item) throw new NotFoundError(spec.entity);
  // The case decides visibility: an item of a case the caller may not see does not exist for them.
  const caseRow = options.withoutCaseAccess
    ? (
        await tx
          .select()
          .from(cases)
          .where(eq(cases.id, item.caseId as string))
      )[0]!
    : await loadCaseFor(tx, actor, 'read', item.caseId as string);
  if (actor.kind !== 'SYSTEM' && actor.roles.every((r) => outsideRoles.includes(r))) {
    if (spec.addressee(item) !== actor.organizationId) throw new NotFoundError(spec.entity);
  }
  // Version first (as for case events): a stale read is answered with the current version.
  const version = item.version as number;
  if (request.expectedVersion !== undefined && request.expectedVersion !== version)
    throw new StaleVersionError(version);
  const loaded = await loadCaseFacts(tx, caseRow);
  const ctx = await workItemFactContext(tx, actor, request.kind, request.itemId, loaded, now);
  const state = item.state as string;
  const plan = planTransition(
    definition,
    {
      state,
      event: request.event,
      actorRoles: actor.kind === 'SYSTEM' ? [] : actor.roles,
      isSystem: actor.kind === 'SYSTEM',
    },
    { ...ctx, reasonGiven: request.reason !== undefined },
  );
  if (!plan.ok) {
    if (plan.error === 'FORBIDDEN')
      throw new ForbiddenError(`you may not send ${request.event} to this ${spec.entity}`);
    if (plan.error === 'INVALID_TRANSITION') throw new InvalidTransitionError(state, request.event, plan.allowedEvents);
    throw new InvalidTransitionError(state, request.event, plan.allowedEvents, plan.reason, plan.code);
  }
  const updated = await tx
    .update(spec.table)
    .set({ state: plan.to, version: version + 1, updatedAt: now } as never)
    .where(and(eq(spec.table.id, request.itemId), eq(spec.table.version, version)))
    .returning();
  if (updated.length === 0) throw new StaleVersionError(version);

  const scope = { caseRow, loaded, item: { ownerKind: spec.ownerKind, ownerId: request.itemId, phase: spec.phase } };
  await applyClockEffects(tx, scope, plan.effects, now, request.reason);
  await recordNotices(
    tx,
    caseRow.id,
    plan.effects,
    { event: request.event, from: state, to: plan.to, itemKind: request.kind, itemId: request.itemId },
    now,
  );
  await appendAuditEntry(tx, actor, {
    chain: caseChain(caseRow.id),
    caseId: caseRow.id,
    action: `${request.kind}.${request.event.toLowerCase()}`,
    entityKind: spec.entity,
    entityId: request.itemId,
    before: { state, version },
    after: { state: plan.to, version: version + 1 },
    reason: request.reason ?? null,
    occurredAt: now,
  });
  return { before: item, from: state, to: plan.to, caseRow };
}

/**
 * What the guards of a work item read on the stored facts: the case's facts, the item's running
 * clock (its deadline) and, on an assessment, the acting person's own conflict declaration. Sending
 * an event and listing the actions read the same, so the list and the engine cannot disagree.
 */
async function workItemFactContext(
  db: Queryable,
  actor: Actor,
  kind: WorkItemKind,
  itemId: string,
  loaded: LoadedCaseFacts,
  now: Date,
): Promise<FactContext> {
  const spec = workItemSpecs[kind];
  const [itemClock] = await db.query.clocks.findMany({
    where: { ownerKind: spec.ownerKind, ownerId: itemId, stoppedAt: { isNull: true } },
  });
  const [conflict] =
    kind === 'assessment' && actor.kind === 'PERSON'
      ? await db
          .select()
          .from(conflictDeclarations)
          .where(and(eq(conflictDeclarations.assessmentId, itemId), eq(conflictDeclarations.personId, actor.personId)))
      : [];
  return {
    now,
    actor: { id: actorId(actor), roles: actor.kind === 'SYSTEM' ? [] : actor.roles },
    deadline: itemClock?.dueAt ?? null,
    actorConflictDeclaration: conflict ? (conflict.hasConflict ? 'CONFLICT' : 'NO_CONFLICT') : null,
    case: loaded.facts,
    regime: loaded.regimeFacts,
  };
}

/**
 * The actor's actions on a work item they may read (the caller has checked that): every event their
 * roles could send in the item's state, each possible or blocked with the rule that blocks it, as
 * `applyWorkItemEvent` would judge it now. Outside the office only the addressee acts; the system
 * lists none.
 */
export async function availableWorkItemActions(
  db: Queryable,
  actor: Actor,
  kind: WorkItemKind,
  item: { id: string; caseId: string; state: string } & Record<string, unknown>,
  now: Date,
): Promise<ActionVerdict<string>[]> {
  if (actor.kind === 'SYSTEM') return [];
  if (
    actor.roles.every((r) => outsideRoles.includes(r)) &&
    workItemSpecs[kind].addressee(item) !== actor.organizationId
  ) {
    return [];
  }
  const [caseRow] = await db.select().from(cases).where(eq(cases.id, item.caseId));
  if (!caseRow) return [];
  const loaded = await loadCaseFacts(db, caseRow);
  const ctx = await workItemFactContext(db, actor, kind, item.id, loaded, now);
  return actionsFrom(currentWorkflows[kind], item.state, actor.roles, ctx);
}
