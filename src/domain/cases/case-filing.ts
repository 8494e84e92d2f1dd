/**
 * Filing and opening cases: the first states of the lifecycle. The workflow engine (issue 5)
 * takes over every later transition.
 */
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { caseNodes, caseParties, cases } from '../../../db/schema/cases.ts';
import { regimes } from '../../../db/schema/clocks.ts';
import { organizations } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { caseSubjects, clearanceLevels, partyRoles } from '../../../vocabulary/terms.ts';
import { caseWorkflow } from '../../../workflows/case.workflow.ts';
import type { Tx } from '../../database/database.ts';
import { assertCan, loadCaseFor } from '../access/authorize.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { applyCaseEvent } from '../engine/apply-case-event.ts';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';

const ZParty = z.object({ organizationId: z.uuid(), role: z.enum(partyRoles) });

const ZCaseContent = z.object({
  title: z.string().trim().min(5, 'must be at least 5 characters').max(300),
  summary: z.string().trim().max(20_000).default(''),
  subject: z.enum(caseSubjects),
  confidentiality: z.enum(clearanceLevels).default('CONFIDENTIAL'),
  parties: z.array(ZParty).max(50).default([]),
  nodeIds: z.array(z.uuid()).max(50).default([]),
});

export const ZCreateFilingInput = ZCaseContent.extend({ filerOrganizationId: z.uuid() });
export type TCreateFilingInput = z.input<typeof ZCreateFilingInput>;

export const ZOpenCaseInput = ZCaseContent.extend({
  origin: z.enum(['EX_OFFICIO', 'DEPARTMENT_REFERRAL']),
  /** The referring department, for a referral. */
  referringDepartmentId: z.uuid().optional(),
});
export type TOpenCaseInput = z.input<typeof ZOpenCaseInput>;

async function defaultRegime(tx: Tx) {
  const [regime] = await tx
    .select()
    .from(regimes)
    .where(eq(regimes.isDefault, true))
    .orderBy(desc(regimes.version))
    .limit(1);
  if (!regime) throw new NotFoundError('default Regime');
  return regime;
}

async function requireOrganization(tx: Tx, id: string, field: string, kind?: string) {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, id));
  if (!org || (kind && org.kind !== kind)) {
    throw ValidationError.single(
      field,
      kind ? `no ${kind.toLowerCase()} with this id` : 'no organisation with this id',
    );
  }
  return org;
}

async function addPartiesAndNodes(tx: Tx, caseId: string, data: z.output<typeof ZCaseContent>, now: Date) {
  for (const [index, party] of data.parties.entries()) {
    await requireOrganization(tx, party.organizationId, `parties.${index}.organizationId`);
  }
  const parties = new Map(data.parties.map((p) => [`${p.organizationId}:${p.role}`, p]));
  if (parties.size > 0) {
    await tx.insert(caseParties).values([...parties.values()].map((p) => ({ caseId, ...p, addedAt: now })));
  }
  const nodeIds = [...new Set(data.nodeIds)];
  if (nodeIds.length > 0) await tx.insert(caseNodes).values(nodeIds.map((nodeId) => ({ caseId, nodeId })));
}

/** A firm starts a filing: a confidential draft without a reference number (design §4). */
export async function createFiling(tx: Tx, actor: Actor, input: TCreateFilingInput, now: Date) {
  const data = parseInput(ZCreateFilingInput, input);
  assertCan(actor, 'create', 'Case', { origin: 'FIRM_FILING', filerOrganizationId: data.filerOrganizationId });
  await requireOrganization(tx, data.filerOrganizationId, 'filerOrganizationId', 'FIRM');
  const { title, summary, subject, confidentiality, filerOrganizationId } = data;
  const draft = { title, summary, subject, confidentiality, filerOrganizationId, refiledFromCaseId: null };
  const row = await insertDraftFiling(tx, actor, draft, now);
  const parties = data.parties.some((p) => p.organizationId === data.filerOrganizationId && p.role === 'FILER')
    ? data.parties
    : [{ organizationId: data.filerOrganizationId, role: 'FILER' as const }, ...data.parties];
  await addPartiesAndNodes(tx, row.id, { ...data, parties }, now);
  return row;
}

/** Writes a firm's draft (on the current regime and workflow version) and the first entry of its trail. */
async function insertDraftFiling(
  tx: Tx,
  actor: Actor,
  draft: Pick<typeof cases.$inferInsert, 'title' | 'summary' | 'subject' | 'confidentiality'> & {
    filerOrganizationId: string | null;
    refiledFromCaseId: string | null;
  },
  now: Date,
) {
  const regime = await defaultRegime(tx);
  const [row] = await tx
    .insert(cases)
    .values({
      ...draft,
      origin: 'FIRM_FILING',
      state: 'DRAFT',
      createdById: actor.kind === 'PERSON' ? actor.personId : null,
      regimeId: regime.id,
      workflowVersion: caseWorkflow.version,
      lastActivityAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await appendAuditEntry(tx, actor, {
    chain: caseChain(row!.id),
    caseId: row!.id,
    action: 'case.filing_created',
    entityKind: 'Case',
    entityId: row!.id,
    after: {
      state: 'DRAFT',
      title: row!.title,
      subject: row!.subject,
      ...(draft.refiledFromCaseId ? { refiledFromCaseId: draft.refiledFromCaseId } : {}),
    },
    occurredAt: now,
  });
  return row!;
}

/** The office opens a case itself, ex officio or on a department's referral (call-in), in SCREENING. */
export async function openCase(tx: Tx, actor: Actor, input: TOpenCaseInput, now: Date) {
  const data = parseInput(ZOpenCaseInput, input);
  assertCan(actor, 'create', 'Case', { origin: data.origin });
  if (data.origin === 'DEPARTMENT_REFERRAL' && !data.referringDepartmentId) {
    throw ValidationError.single('referringDepartmentId', 'a referral names the referring department');
  }
  if (data.referringDepartmentId) {
    await requireOrganization(tx, data.referringDepartmentId, 'referringDepartmentId', 'DEPARTMENT');
  }
  const regime = await defaultRegime(tx);
  // Created as a draft and opened by the workflow in the same transaction, so nobody ever sees it as
  // a draft: the event assigns the reference and starts the screening clock.
  const [row] = await tx
    .insert(cases)
    .values({
      title: data.title,
      summary: data.summary,
      subject: data.subject,
      confidentiality: data.confidentiality,
      origin: data.origin,
      state: 'DRAFT',
      filerOrganizationId: data.referringDepartmentId ?? null,
      createdById: actor.kind === 'PERSON' ? actor.personId : null,
      regimeId: regime.id,
      workflowVersion: caseWorkflow.version,
      lastActivityAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await addPartiesAndNodes(tx, row!.id, data, now);
  await appendAuditEntry(tx, actor, {
    chain: caseChain(row!.id),
    caseId: row!.id,
    action: 'case.created',
    entityKind: 'Case',
    entityId: row!.id,
    after: { origin: data.origin, title: data.title, subject: data.subject },
    occurredAt: now,
  });
  const { case: opened } = await applyCaseEvent(
    tx,
    actor,
    {
      caseId: row!.id,
      event: data.origin === 'EX_OFFICIO' ? 'OPEN_EX_OFFICIO' : 'REFER',
      expectedVersion: row!.version,
    },
    now,
    { justCreated: true },
  );
  return opened;
}

export const ZRefileCaseInput = z.object({
  /** The withdrawn case to refile. */
  caseId: z.uuid(),
  /** A new title for the refiling; the withdrawn case's title by default. */
  title: ZCaseContent.shape.title.optional(),
  /** A new summary; the withdrawn case's summary by default. */
  summary: ZCaseContent.shape.summary.unwrap().optional(),
});
export type TRefileCaseInput = z.input<typeof ZRefileCaseInput>;

/**
 * The filer refiles a withdrawn case (design §4: "refiling creates a new case linked to it"): a new
 * draft with the same subject, parties and chain nodes, linked to the withdrawn one, which stays
 * terminal. The draft gets its own reference when the firm submits it. A case is refiled once.
 * @throws NotFound, Forbidden, InvalidTransition (not withdrawn), Conflict (already refiled), Validation
 */
export async function refileCase(tx: Tx, actor: Actor, input: TRefileCaseInput, now: Date) {
  const data = parseInput(ZRefileCaseInput, input);
  const withdrawn = await loadCaseFor(tx, actor, 'read', data.caseId);
  assertCan(actor, 'create', 'Case', { origin: 'FIRM_FILING', filerOrganizationId: withdrawn.filerOrganizationId });
  if (withdrawn.state !== 'WITHDRAWN' || withdrawn.origin !== 'FIRM_FILING') {
    throw new InvalidTransitionError(withdrawn.state, 'REFILE', [], 'only a withdrawn filing can be refiled');
  }
  const [earlier] = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(eq(cases.refiledFromCaseId, withdrawn.id))
    .for('update');
  if (earlier) throw new ConflictError('this case has already been refiled');
  const row = await insertDraftFiling(
    tx,
    actor,
    {
      title: data.title ?? withdrawn.title,
      summary: data.summary ?? withdrawn.summary,
      subject: withdrawn.subject,
      confidentiality: withdrawn.confidentiality,
      filerOrganizationId: withdrawn.filerOrganizationId,
      refiledFromCaseId: withdrawn.id,
    },
    now,
  );
  const parties = await tx
    .select({ organizationId: caseParties.organizationId, role: caseParties.role })
    .from(caseParties)
    .where(eq(caseParties.caseId, withdrawn.id));
  const nodes = await tx.select({ nodeId: caseNodes.nodeId }).from(caseNodes).where(eq(caseNodes.caseId, withdrawn.id));
  if (parties.length > 0) {
    await tx.insert(caseParties).values(parties.map((p) => ({ caseId: row.id, ...p, addedAt: now })));
  }
  if (nodes.length > 0) await tx.insert(caseNodes).values(nodes.map((n) => ({ caseId: row.id, nodeId: n.nodeId })));
  // The withdrawn case's own trail records where it went on.
  await appendAuditEntry(tx, actor, {
    chain: caseChain(withdrawn.id),
    caseId: withdrawn.id,
    action: 'case.refiled',
    entityKind: 'Case',
    entityId: withdrawn.id,
    after: { refiledAsCaseId: row.id },
    occurredAt: now,
  });
  return row;
}
